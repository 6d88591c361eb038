/** A LIKE pattern that matches `text` literally anywhere (user input may contain % or _). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The SQL to pair with containsPattern: `col LIKE :p ESCAPE '\'`. */
export function likeClause(column: string, param: string): string {
  return `${column} LIKE :${param} ESCAPE '\\'`;
}

/** A LIKE pattern that matches `text` literally anywhere (user input may contain % or _). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A LIKE pattern that matches `text` literally anywhere (user input may contain % or _). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The SQL to pair with containsPattern: `col LIKE :p ESCAPE '\'`. */
export function likeClause(column: string, param: string): string {
  return `${column} LIKE :${param} ESCAPE '\\'`;
}

/** Applies page/pageSize to a query builder and runs the count and the page. */
export async function pageOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: number,
  pageSize: number,
): Promise<{ total: number; raw: Record<string, unknown>[] }> {
  const total = await qb.clone().orderBy().getCount();
  const raw = await qb
    .offset((page - 1) * pageSize)
    .limit(pageSize)
    .getRawMany<Record<string, unknown>>();
  return { total, raw };
}

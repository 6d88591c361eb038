import type { SqlValue } from './sql.js';

/**
 * A WHERE clause with `?` placeholders and its values in order, for the prepared statements of
 * db/sql.ts. Conditions are portable SQL written by the repository functions; values never go
 * into the text, so one text (and one prepared statement) serves every value.
 */
export class SqlWhere {
  private readonly conditions: string[] = [];
  readonly params: SqlValue[] = [];

  /** Adds `condition` (with as many `?` as `params`), joined to the others with AND. */
  and(condition: string, ...params: SqlValue[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }

  /** Adds the alternatives as one parenthesised OR (nothing when there are none). */
  anyOf(alternatives: { sql: string; params: SqlValue[] }[]): this {
    if (alternatives.length === 0) return this;
    return this.and(`(${alternatives.map((a) => a.sql).join(' OR ')})`, ...alternatives.flatMap((a) => a.params));
  }

  /** ` WHERE …`, or '' when there are no conditions. */
  get sql(): string {
    return this.conditions.length ? ` WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** `column LIKE ? ESCAPE '\'`, for a pattern made by kernel/listing.ts containsPattern. */
export function likeSql(column: string, pattern: string): { sql: string; params: SqlValue[] } {
  return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [pattern] };
}

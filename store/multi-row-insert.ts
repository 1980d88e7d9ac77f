import type { Knex } from 'knex';
import { chunk, rowsPerStatement } from './sql-values.js';

/** Identifiers here are the store's own constants; double quotes work on both databases. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts rows with `insert … values (…), (…) [suffix]`, chunked under both databases'
 * parameter limits. Written by hand rather than with knex's builder, which emits SQLite
 * multi-row inserts as `select … union all select …`: several times slower to prepare and
 * limited to 500 terms. The SQL text is the same on SQLite and PostgreSQL.
 */
export async function insertRows<Row extends object>(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  suffix = '',
): Promise<void> {
  const head = `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const tail = suffix ? ` ${suffix}` : '';
  for (const part of chunk(rows, rowsPerStatement(columns.length))) {
    const bindings: Knex.Value[] = [];
    for (const row of part) {
      for (const column of columns) bindings.push((row[column] ?? null) as Knex.Value);
    }
    await db.raw(head + new Array<string>(part.length).fill(tuple).join(', ') + tail, bindings);
  }
}

/** `on conflict (key) do update set c = excluded.c, …` for the given columns. */
export function onConflictUpdate(key: readonly string[], columns: readonly string[], extra: readonly string[] = []): string {
  const sets = columns.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).concat(extra);
  return `on conflict (${key.map(quoteIdent).join(', ')}) do update set ${sets.join(', ')}`;
}

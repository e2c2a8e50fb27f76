import { providerOf, type TDb, type TProvider, type TTx } from '../store/client.js';

/**
 * Raw SQL for the intake's hot path, written once for both databases: identifiers double-quoted, rows as
 * `VALUES (…), (…)` lists, `ON CONFLICT` and `RETURNING` (SQLite ≥ 3.35 and PostgreSQL both have them). Only the
 * placeholders differ (`?` / `$n`), and PostgreSQL gets row locks (`FOR UPDATE`) where SQLite's single writer needs
 * none. A handful of statements per batch replaces ~15 per mention through the model API.
 */
export interface TSql {
  provider: TProvider;
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** `FOR UPDATE` on PostgreSQL, nothing on SQLite (its transactions already hold the one write lock). */
  forUpdate: string;
}

export function sqlOf(db: TDb | TTx, provider: TProvider = providerOf(db as TDb)): TSql {
  const pg = provider === 'postgresql';
  const prepare = (sql: string) => (pg ? toDollar(sql) : sql);
  return {
    provider,
    query: <T>(sql: string, params: readonly unknown[] = []) => db.$queryRawUnsafe<T[]>(prepare(sql), ...params),
    run: (sql: string, params: readonly unknown[] = []) => db.$executeRawUnsafe(prepare(sql), ...params),
    forUpdate: pg ? ' FOR UPDATE' : '',
  };
}

const cache = new Map<string, string>();
/** `?` → `$1, $2, …` (our SQL never has a `?` inside a string literal). */
export function toDollar(sql: string): string {
  let out = cache.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    if (cache.size < 500) cache.set(sql, out);
  }
  return out;
}

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32,766, PostgreSQL's limit 65,535: stay well under both. */
const MAX_PARAMS = 30_000;

/** Splits rows so that no statement carries more than MAX_PARAMS parameters. */
export function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `(?, ?), (?, ?)` for `rows` rows of `columns` values. */
export function tuples(rows: number, columns: number): string {
  const one = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

/** `"a", "b"` */
export const columnList = (columns: readonly string[]): string => columns.map((c) => `"${c}"`).join(', ');

/** Inserts rows (arrays in `columns` order), chunked; `suffix` is e.g. `ON CONFLICT DO NOTHING`. */
export async function insertRows(sql: TSql, table: string, columns: readonly string[], rows: readonly unknown[][], suffix = ''): Promise<void> {
  for (const part of chunks(rows, columns.length)) {
    await sql.run(`INSERT INTO "${table}" (${columnList(columns)}) VALUES ${tuples(part.length, columns.length)} ${suffix}`, part.flat());
  }
}

/** Raw results differ by driver (bigint vs number, Date vs ISO text): read them through these. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === '1' || v === 't';

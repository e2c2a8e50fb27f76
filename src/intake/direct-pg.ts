import pg from 'pg';
import type { TSql } from './sql.js';
import { toDollar } from './sql.js';

// TIMESTAMP(3) columns (Prisma's DateTime) hold UTC without a zone: read them as UTC, not as this machine's local time.
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The inbox's own PostgreSQL connection: one `pg` client beside Prisma's pool, so an ack's commit never queues behind
 * the pipeline's batch transaction for a pooled connection, and costs no trip through Prisma's query interpreter
 * (issue 12: PostgreSQL acks). Only the inbox's statements run here, all outside transactions: each one commits on
 * its own, one commit per group of waiting requests (group-commit.ts). A broken connection is replaced at the next
 * statement; the statement that met it fails, and its requests get 503 + Retry-After (inbox.ts), never a false 2xx.
 */
export function openDirectPg(url: string): TSql & { close(): Promise<void> } {
  let client: Promise<pg.Client> | undefined;
  const connect = (): Promise<pg.Client> =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString: url, types, application_name: 'earshot-inbox' });
      // A connection that dies between statements: forget it, the next statement opens a new one.
      c.on('error', () => void forget(c));
      try {
        await c.connect();
      } catch (err) {
        client = undefined;
        throw err;
      }
      return c;
    })());
  const forget = async (c: pg.Client) => {
    if (client && (await client.catch(() => undefined)) === c) client = undefined;
    await c.end().catch(() => undefined);
  };
  const exec = async (text: string, params: readonly unknown[]) => {
    const c = await connect();
    try {
      return await c.query(toDollar(text), params.map(toPg));
    } catch (err) {
      // A query error leaves a healthy connection; anything else (reset, terminated) does not.
      if (!(err instanceof pg.DatabaseError) || /^(08|57P)/.test(err.code ?? '')) await forget(c);
      throw err;
    }
  };
  return {
    provider: 'postgresql',
    forUpdate: ' FOR UPDATE',
    query: async <T>(text: string, params: readonly unknown[] = []) => (await exec(text, params)).rows as T[],
    run: async (text: string, params: readonly unknown[] = []) => (await exec(text, params)).rowCount ?? 0,
    async close() {
      const c = await client?.catch(() => undefined);
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

/** A parameter as Prisma's pg adapter binds it: dates as UTC `YYYY-MM-DD HH:MM:SS.mmm` for TIMESTAMP(3). */
function toPg(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  return v;
}

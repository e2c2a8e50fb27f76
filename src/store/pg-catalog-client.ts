import pg from 'pg';

/** PostgreSQL's internal one-byte `"char"` type, used by catalog columns such as pg_constraint.contype. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type TCallback = (err: Error | null, res?: unknown) => void;

/**
 * A pg client for the schema engine's connections only. The engine introspects PostgreSQL through catalog queries
 * that return `"char"` columns, which @prisma/adapter-pg 7.10 has no mapping for ("Column type 'char' could not be
 * deserialized"), so `prisma migrate diff` on a driver adapter fails. The value arrives as a one-letter string either
 * way; relabelling the column as text lets the adapter hand it over. The application's own client never sees this.
 */
export class CatalogFriendlyClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        const cb = last as TCallback;
        return query(...args.slice(0, -1), (err: Error | null, res?: unknown) => cb(err, err ? res : relabel(res)));
      }
      const out = query(...args);
      return out instanceof Promise ? out.then(relabel) : out;
    }) as pg.Client['query'];
  }
}

function relabel<T>(res: T): T {
  for (const result of Array.isArray(res) ? res : [res]) {
    for (const field of (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return res;
}

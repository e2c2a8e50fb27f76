import type { TSql } from './sql.js';

/** Only one pipeline at a time: a second would keep a second triage window and split clusters between the two. */
const LEASE_ID = 'pipeline';

export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
  constructor() {
    super('another process took over the intake pipeline');
  }
}

/**
 * Takes the pipeline lease if it is free, expired or already ours. Portable (one row, conditional writes), so it works
 * the same on SQLite and PostgreSQL; a holder that dies stops renewing and loses it after `ms`.
 */
export async function claimLease(sql: TSql, holder: string, now: Date, ms: number): Promise<boolean> {
  const until = new Date(now.getTime() + ms);
  const taken = await sql.run(`UPDATE "IntakeLease" SET "holder" = ?, "expiresAt" = ? WHERE "id" = ? AND ("holder" = ? OR "expiresAt" < ?)`, [holder, until, LEASE_ID, holder, now]);
  if (taken === 1) return true;
  return (await sql.run(`INSERT INTO "IntakeLease" ("id", "holder", "expiresAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [LEASE_ID, holder, until])) === 1;
}

/**
 * The fence every batch transaction starts with: renews the lease only if we still hold it, else throws LeaseLost and
 * the batch rolls back. The renewal is a write, so on SQLite it also takes the write lock before anything is read.
 */
export async function fenceLease(sql: TSql, holder: string, now: Date, ms: number): Promise<void> {
  const renewed = await sql.run(`UPDATE "IntakeLease" SET "expiresAt" = ? WHERE "id" = ? AND "holder" = ?`, [new Date(now.getTime() + ms), LEASE_ID, holder]);
  if (renewed !== 1) throw new LeaseLost();
}

/** Hands the lease back at shutdown, so a standby takes over at once instead of after expiry. */
export async function releaseLease(sql: TSql, holder: string): Promise<void> {
  await sql.run(`UPDATE "IntakeLease" SET "expiresAt" = ? WHERE "id" = ? AND "holder" = ?`, [new Date(0), LEASE_ID, holder]);
}

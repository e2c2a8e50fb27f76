import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { Context } from 'hono';
import { refusalFor } from '../../intake/backpressure.js';
import type { TLogger } from '../../log.js';

/** What the receiver needs from the Bot Framework adapter: authenticate one activity, then run `logic` for its turn. */
export interface TBotAdapterLike {
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

/**
 * The transport boundary for `POST /api/messages`: turns Hono's request into an activity, lets the adapter
 * authenticate it (JWT) and run the turn, and turns the invoke response (card actions, dialogs) into a Hono response.
 * Every refusal or failure is one log line, never a stack trace: an attacker can send as many as they like.
 */
export class HonoTeamsReceiver {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly adapter: TBotAdapterLike,
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly log: TLogger,
  ) {}

  readonly handle = async (c: Context): Promise<Response> => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: { code: 'INVALID_JSON', message: 'The body is not a JSON activity.' } }, 400);
    }
    const activity = toActivity(body);
    if (!activity) return c.json({ error: { code: 'VALIDATION', message: 'The body is not an activity: it needs a "type".' } }, 400);
    const work = this.adapter.runTurn(c.req.header('authorization') ?? '', activity, this.logic);
    this.inFlight.add(work);
    try {
      const invoke = await work;
      return respond(invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      if (isUnauthenticated(err)) {
        this.log.warn('teams: rejected an unauthenticated request', { ip: c.req.header('x-forwarded-for') ?? 'direct', reason: messageOf(err) });
        return Response.json({ error: { code: 'UNAUTHORIZED', message: 'The request is not authenticated by the Bot Framework.' } }, { status: 401 });
      }
      const refused = refusalFor(err);
      if (refused) {
        // The Bot Connector retries 503 with Retry-After; the turn changed nothing.
        this.log.warn('teams: request refused: database unavailable', { activityType: activity.type, error: messageOf(err) });
        return Response.json({ error: { code: refused.code, message: refused.message } }, { status: refused.status, headers: { 'Retry-After': String(refused.retryAfterSeconds) } });
      }
      this.log.error('teams: turn failed', { activityType: activity.type, error: messageOf(err) });
      return Response.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } }, { status: 500 });
    } finally {
      this.inFlight.delete(work);
    }
  };

  /** Settles when every turn in progress has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}

/** What botbuilder's own request check does: an object with a string `type`; timestamps become Dates, raw kept. */
function toActivity(body: unknown): Activity | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type) return null;
  for (const [key, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof a[key] === 'string') {
      a[raw] = a[key];
      a[key] = new Date(a[key]);
    }
  }
  return a as unknown as Activity;
}

/** The Bot Framework signals a bad or missing token with a status-code error (AuthenticationError, 401). */
const isUnauthenticated = (err: unknown) => (err as { statusCode?: unknown } | null)?.statusCode === 401;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);

function respond(status: number, body: unknown): Response {
  if (body === undefined || body === null || body === '') return new Response(null, { status });
  if (typeof body === 'string') return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(body, { status });
}

import type { Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import type { Context } from 'hono';
import type { TLogger } from '../../log.js';

/** What the Bot Framework adapter needs from us: process one request, running `logic` for its turn. */
export interface TBotAdapterLike {
  process(req: BotRequest, res: BotResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * The transport boundary for `POST /api/messages`: turns Hono's request into the Express-style request and
 * response the adapter expects, lets the adapter authenticate it (JWT) and run the turn, and turns what the
 * adapter wrote back into a Hono response. Invoke answers (card actions, dialogs) travel in that response.
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
    const out = { status: 200, body: undefined as unknown, headers: {} as Record<string, string> };
    const res: BotResponse = {
      socket: null,
      status: (code: number) => void (out.status = code),
      header: (name: string, value: unknown) => void (out.headers[name] = String(value)),
      send: (b: unknown) => void (out.body = b),
      end: () => undefined,
    };
    const req: BotRequest = { method: 'POST', headers: c.req.header(), body: body as Record<string, unknown> };
    const work = this.adapter.process(req, res, this.logic);
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
    if (out.status === 401) this.log.warn('teams: rejected an unauthenticated request', { ip: c.req.header('x-forwarded-for') ?? 'direct' });
    if (out.status >= 500) this.log.error('teams: turn failed', { status: out.status });
    return respond(out.status, out.body, out.headers);
  };

  /** Settles when every turn in progress has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}

function respond(status: number, body: unknown, headers: Record<string, string>): Response {
  // The adapter puts its own error text (stack-free, but internal) in the body of 401/500: keep it out.
  if (status === 401) return Response.json({ error: { code: 'UNAUTHORIZED', message: 'The request is not authenticated by the Bot Framework.' } }, { status });
  if (status >= 500) return Response.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } }, { status });
  if (body === undefined || body === null || body === '') return new Response(null, { status, headers: filtered(headers) });
  if (typeof body === 'string') return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...filtered(headers) } });
  return Response.json(body, { status, headers: filtered(headers) });
}

const filtered = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() === 'user-agent'));

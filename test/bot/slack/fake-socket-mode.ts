import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type TEnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** What the app sent back for one envelope: Slack's ack frame `{envelope_id, payload?}`. */
export interface TAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * A local stand-in for Slack's Socket Mode endpoint, following its documented protocol: a connection is accepted
 * only with a single-use ticket handed out by `apps.connections.open`; Slack speaks first with `hello`; each
 * envelope `{envelope_id, type, payload, accepts_response_payload, retry_attempt?, retry_reason?}` must be acked
 * within 3 s by a frame carrying its `envelope_id` (a response payload only where `accepts_response_payload`);
 * `disconnect` (with a reason) precedes Slack closing the socket, and the app must reconnect with a fresh ticket.
 * Anything off-protocol the app sends is recorded in `violations`.
 */
export async function startFakeSocketMode(opts: { appId?: string; ackTimeoutMs?: number } = {}) {
  const appId = opts.appId ?? 'A0EARSHOT';
  const tickets = new Set<string>();
  const issued: string[] = [];
  const violations: string[] = [];
  const pending = new Map<string, { accepts: boolean; resolve: (a: TAck) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const connected: WebSocket[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let open: WebSocket | undefined;

  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    // Slack's ticket is good for one connection: a second attempt with it is refused at the handshake.
    verifyClient: ({ req }, done) => {
      const ticket = new URL(req.url ?? '/', 'ws://x').searchParams.get('ticket') ?? '';
      if (!tickets.delete(ticket)) return done(false, 401, 'invalid ticket');
      done(true);
    },
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;

  wss.on('connection', (ws) => {
    open = ws;
    connected.push(ws);
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-local', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: appId } }));
    for (const w of waiters.filter((x) => connected.length >= x.count)) w.resolve();
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void violations.push('binary frame');
      let msg: TAck;
      try {
        msg = JSON.parse(data.toString()) as TAck;
      } catch {
        return void violations.push(`not JSON: ${data.toString().slice(0, 80)}`);
      }
      const p = pending.get(msg.envelope_id);
      if (!p) return void violations.push(`ack for unknown or already-acked envelope ${String(msg.envelope_id)}`);
      pending.delete(msg.envelope_id);
      clearTimeout(p.timer);
      if (!p.accepts && msg.payload && Object.keys(msg.payload).length > 0) violations.push(`response payload on an envelope that accepts none: ${JSON.stringify(msg.payload)}`);
      p.resolve(msg);
    });
    ws.on('close', () => {
      if (open === ws) open = undefined;
    });
  });

  return {
    violations,
    /** Tickets handed out so far, one per `apps.connections.open`. */
    issued,
    /** How many connections the app has opened. */
    get connections() {
      return connected.length;
    },
    /** What `apps.connections.open` returns: a fresh single-use URL. */
    openUrl(): string {
      const ticket = randomUUID();
      tickets.add(ticket);
      issued.push(ticket);
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${appId}`;
    },
    /** Resolves once the app has opened its n-th connection (and been sent hello). */
    waitForConnection(n = 1): Promise<void> {
      if (connected.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count: n, resolve }));
    },
    /** Sends one envelope on the open connection; resolves with the app's ack, rejects if none comes in time. */
    deliver(type: TEnvelopeType, payload: Record<string, unknown>, extra: { retryAttempt?: number; retryReason?: string } = {}): Promise<TAck> {
      if (!open) return Promise.reject(new Error('no open Socket Mode connection'));
      const envelope_id = randomUUID();
      // Slack lets the app answer in the ack for slash commands and for modal submissions / option requests.
      const accepts = type === 'slash_commands' || (type === 'interactive' && ['view_submission', 'block_suggestion'].includes(String(payload.type)));
      const frame = {
        envelope_id,
        type,
        payload,
        accepts_response_payload: accepts,
        ...(type === 'events_api' && { retry_attempt: extra.retryAttempt ?? 0, retry_reason: extra.retryReason ?? '' }),
      };
      return new Promise<TAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope_id);
          reject(new Error(`envelope ${envelope_id} (${type}) was not acknowledged within ${opts.ackTimeoutMs ?? 3000} ms`));
        }, opts.ackTimeoutMs ?? 3000);
        pending.set(envelope_id, { accepts, resolve, reject, timer });
        open!.send(JSON.stringify(frame));
      });
    },
    /** Slack's refresh: a `disconnect` frame with its reason, then the socket closes. */
    disconnect(reason = 'refresh_requested'): void {
      const ws = open;
      if (!ws) throw new Error('no open Socket Mode connection');
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-local' } }));
    },
    /** True while the app holds a connection. */
    get isOpen() {
      return !!open;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => r());
      }),
  };
}

export type TFakeSocketMode = Awaited<ReturnType<typeof startFakeSocketMode>>;

import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { ArrivedFrames, readFramesRaw } from './frame-reader';
import { gql as request, withClient } from './harness';
import { must } from './must';

// The fan-out bench's wire: its subscription, its requests and its read of the event outbox.

/** What every subscriber follows: the charge's event with fields of every subgraph. */
const LIVE = `subscription($budgetId: ID) {
  budgetChanged(budgetId: $budgetId) {
    sequence kind
    budget { remaining { amount } client { firstName } }
    transaction { amount { amount } provider { name } }
  }
}`;

/** What the gateway answers; `T` is what the bench's own query asks for. */
interface Answer<T> {
  data?: T | null;
  errors?: unknown[];
}

/** The harness's request, its answer typed as the bench's own query asks. */
export async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer<T>> {
  return (await request(url, token, query, variables)).json as Answer<T>;
}

/**
 * When the budgets subgraph wrote each charge's event (its `created_at`: the statement's
 * `clock_timestamp()`, the transaction's last before COMMIT), by amount, on this process's
 * `performance.now()` clock. The two clocks are tied by asking PostgreSQL for its time 20
 * times and keeping the answer with the shortest round trip (its middle is when it was read,
 * to half that round trip): wall-clock time drifts from `performance.now()` over a long run,
 * so `performance.timeOrigin` alone would not do. A write must lie between the charge's
 * sending and its answer; `outside` counts those that did not (by over 1 ms), which would
 * mean the clocks were not tied well: the report shows it.
 */
export async function eventWrites(
  databaseUrl: string,
  budgetId: string,
  sentAt: Map<string, number>,
  answeredAt: Map<string, number>,
): Promise<{ written: Map<string, number>; outside: number }> {
  return withClient(databaseUrl, async (client) => {
    let best = { roundTrip: Infinity, offset: 0 };
    for (let i = 0; i < 20; i++) {
      const before = performance.now();
      const { rows } = await client.query<{ ms: string }>(
        `SELECT (extract(epoch FROM clock_timestamp()) * 1000)::text AS ms`,
      );
      const after = performance.now();
      const serverMs = Number(must(rows[0], 'clock_timestamp()').ms);
      if (after - before < best.roundTrip)
        best = { roundTrip: after - before, offset: serverMs - (before + after) / 2 };
    }
    const { rows } = await client.query<{ amount: string; epochMs: string }>(
      `SELECT (t.amount_cents / 100.0)::numeric(12, 2)::text AS amount,
              (extract(epoch FROM e.created_at) * 1000)::text AS "epochMs"
       FROM budgets.budget_event e JOIN budgets.ledger_transaction t ON t.id = e.transaction_id
       WHERE e.budget_id = $1 AND e.change = 'CHARGE_RECORDED'`,
      [budgetId],
    );
    const written = new Map<string, number>();
    let outside = 0;
    for (const { amount, epochMs } of rows) {
      const sent = sentAt.get(amount);
      if (sent === undefined) continue; // the unmeasured first charge
      const at = Number(epochMs) - best.offset;
      if (at < sent - 1 || at > (answeredAt.get(amount) ?? Infinity) + 1) outside++;
      written.set(amount, at);
    }
    return { written, outside };
  });
}

/**
 * One WebSocket speaking graphql-transport-ws by hand, with `count` subscriptions of the
 * budget; every later frame is kept with its arrival time in `received`.
 */
export function subscribeSocket(
  url: string,
  token: string,
  count: number,
  budgetId: string,
  received: ArrivedFrames,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('no connection_ack in 30 s')), 30_000);
    let acknowledged = false;
    socket.on('error', reject);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      ),
    );
    socket.on('message', (data: Buffer) => {
      if (acknowledged || !data.toString('utf8').includes('connection_ack')) return;
      acknowledged = true;
      clearTimeout(timer);
      for (let k = 0; k < count; k++) {
        socket.send(
          JSON.stringify({
            id: String(k + 1),
            type: 'subscribe',
            payload: { query: LIVE, variables: { budgetId } },
          }),
        );
      }
      readFramesRaw(socket, received);
      resolve(socket);
    });
  });
}

import net from 'node:net';

/**
 * `node --require packages/platform/dist/listen-after.js main.js`: the process's servers start
 * listening only once every URL in `HB_LISTEN_AFTER` (comma-separated health checks) answers
 * 200; until then `listen` returns and its callback waits.
 *
 * The launcher starts the gateway this way beside its subgraphs: it loads its code, reads the
 * supergraph and builds its query planner (two seconds of CPU time, asking no subgraph) while
 * they start, and its port opens — its /health answers, which people and the CI smoke wait
 * for — only once they answer, exactly as if it had been started after them.
 */
const urls = (process.env.HB_LISTEN_AFTER ?? '').split(',').filter(Boolean);

async function answers(url: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (urls.length > 0) {
  const ready = Promise.all(urls.map(answers));
  // Called below with the server it belongs to.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    void ready.then(() => listen.apply(this, args as Parameters<typeof listen>));
    return this;
  } as typeof listen;
}

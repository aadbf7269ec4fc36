import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { must } from './must';

/**
 * Hive Gateway over the same supergraph (a copy whose subgraph URLs point at the running
 * subgraphs), forwarding the caller's token, request id and purpose like our gateway does.
 * Run as a child process: `node dist/hive-server.js <supergraph file> <port>`.
 */
const [file, port] = process.argv.slice(2);
const FORWARDED = ['authorization', 'x-request-id', 'x-access-purpose'];

// HIVE_DEDUPE=0 turns off Hive's default in-flight deduplication of identical subgraph
// requests, for a like-for-like comparison with our gateway (which does not deduplicate).
const dedupe = process.env.HIVE_DEDUPE !== '0';

const gateway = createGatewayRuntime({
  supergraph: must(file, 'supergraph file argument'),
  ...(dedupe
    ? {}
    : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  logging: 'error',
  landingPage: false,
  graphiql: false,
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers: Record<string, string> = {};
      for (const name of FORWARDED) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
});

const server = http.createServer(gateway);
server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`hive gateway listening on ${port}\n`);
});
const stop = () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { securityHeaders, sendJson, type Logger, type TokenVerifier } from '@hb/kit';
import { gatewayContext, type GatewayContext } from './gateway-context';

/**
 * A payment batch's files for the organiser, as downloads:
 * - `GET /settlements/{batchId}/pain001.xml`: the SEPA credit transfer file for the bank
 *   (ISO 20022 pain.001.001.03). Taking it is the export: it runs `exportPaymentBatch`, which
 *   marks the batch EXPORTED; a repeated download is the same payment under the same message
 *   id. A bearer token (never a cookie) authorizes it, so no other site can make a browser
 *   take it.
 * - `GET /settlements/{batchId}/batch.csv`: the batch for the finance system (`financeCsv`).
 * Both run through the gateway's own Apollo Server under the caller's token, so the budgets
 * subgraph authorizes: an unknown batch and one the caller may not read both answer 404.
 */
export const SETTLEMENT_FILE_PATH =
  /^\/settlements\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(pain001\.xml|batch\.csv)$/i;

const EXPORT = `mutation SettlementPain001($id: ID!) {
  exportPaymentBatch(batchId: $id) { fileName content errors { code message } }
}`;
const CSV = `query SettlementCsv($id: ID!) { paymentBatch(id: $id) { reference financeCsv } }`;

/** HTTP status of a GraphQL error code or a payload error code. */
export function statusOf(code: unknown): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'BAD_USER_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'MISSING_BANK_ACCOUNT':
    case 'ALREADY_PAID':
      return 409;
    default:
      return 502;
  }
}

interface ErrorShape {
  message: string;
  extensions?: { code?: unknown };
}

/** Handles a settlement file request; returns false when the path is not one. */
export function handleSettlementFile(
  apollo: ApolloServer<GatewayContext>,
  verify: TokenVerifier,
  logger: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  urlPath: string,
): boolean {
  const match = SETTLEMENT_FILE_PATH.exec(urlPath);
  if (!match) return false;
  const [, batch = '', name = ''] = match;
  const batchId = batch.toLowerCase();
  const file = name.toLowerCase();
  void (async () => {
    // Taking the bank file changes the batch, so a HEAD (or a prefetch) must not do it.
    const methods = file === 'pain001.xml' ? ['GET'] : ['GET', 'HEAD'];
    if (!methods.includes(req.method ?? '')) {
      res.setHeader('allow', methods.join(', '));
      sendJson(res, 405, { errors: [{ message: `Use ${methods.join(' or ')}.` }] });
      return;
    }
    const contextValue = await gatewayContext(req, verify);
    const refuse = (errors: readonly ErrorShape[] | undefined, fallback: string) => {
      const code =
        errors?.[0]?.extensions?.code ?? (contextValue.principal ? 'NOT_FOUND' : 'UNAUTHENTICATED');
      sendJson(res, statusOf(code), {
        errors: [{ message: errors?.[0]?.message ?? fallback, extensions: { code } }],
      });
    };
    const response = await apollo.executeOperation(
      { query: file === 'pain001.xml' ? EXPORT : CSV, variables: { id: batchId } },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      refuse(errors, 'Refused.');
      return;
    }
    let body: string;
    let fileName: string;
    let contentType: string;
    if (file === 'pain001.xml') {
      const payload = (
        data as {
          exportPaymentBatch?: {
            fileName: string | null;
            content: string | null;
            errors: Array<{ code: string; message: string }>;
          };
        } | null
      )?.exportPaymentBatch;
      if (!payload?.content || !payload.fileName || payload.errors.length > 0) {
        refuse(
          payload?.errors.map((e) => ({ message: e.message, extensions: { code: e.code } })),
          'No such payment batch.',
        );
        return;
      }
      body = payload.content;
      fileName = payload.fileName;
      contentType = 'application/xml; charset=utf-8';
    } else {
      const batch = (
        data as { paymentBatch?: { reference: string; financeCsv: string } | null } | null
      )?.paymentBatch;
      if (!batch) {
        refuse(undefined, 'No such payment batch.');
        return;
      }
      body = batch.financeCsv;
      fileName = `${batch.reference}.csv`;
      contentType = 'text/csv; charset=utf-8';
    }
    securityHeaders(res);
    res.statusCode = 200;
    res.setHeader('content-type', contentType);
    res.setHeader(
      'content-disposition',
      `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    );
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : body);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'settlement file failed');
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
    else res.end();
  });
  return true;
}

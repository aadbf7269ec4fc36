import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { securityHeaders, sendJson, type Logger, type TokenVerifier } from '@hb/kit';
import { gatewayContext, type GatewayContext } from './gateway-context';

/**
 * A decision's archived PDF as a download: `GET /decisions/{decisionId}/document.pdf`
 * (`Decision.document` names this URL). Runs the `decision` query through the gateway's own
 * Apollo Server under the caller's bearer token (never a cookie, so no other site can make a
 * browser fetch it), so the budgets subgraph authorizes and access-logs the read. An unknown
 * decision and one the caller may not read both answer the same 404; without a token, 401.
 */
export const DECISION_DOCUMENT_PATH =
  /^\/decisions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/document\.pdf$/i;

const QUERY = `query DecisionDocument($id: ID!) {
  decision(id: $id) { id kind version decidedOn documentContent }
}`;

interface DecisionFile {
  id: string;
  kind: string;
  version: number;
  decidedOn: string;
  documentContent: string;
}

/** Handles a decision document request; returns false when the path is not one. */
export function handleDecisionDocument(
  apollo: ApolloServer<GatewayContext>,
  verify: TokenVerifier,
  logger: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  urlPath: string,
): boolean {
  const match = DECISION_DOCUMENT_PATH.exec(urlPath);
  if (!match) return false;
  const [, id = ''] = match;
  const decisionId = id.toLowerCase();
  void (async () => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { errors: [{ message: 'Use GET or HEAD.' }] });
      return;
    }
    const contextValue = await gatewayContext(req, verify);
    if (!contextValue.principal) {
      sendJson(res, 401, {
        errors: [{ message: 'Sign in to download.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      return;
    }
    const response = await apollo.executeOperation(
      { query: QUERY, variables: { id: decisionId } },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    const decision = (data as { decision?: DecisionFile | null } | null)?.decision;
    if (errors?.length || !decision) {
      // Whatever the reason, the same answer: a foreign decision looks like a missing one.
      sendJson(res, 404, {
        errors: [{ message: 'No such decision.', extensions: { code: 'NOT_FOUND' } }],
      });
      return;
    }
    const body = Buffer.from(decision.documentContent, 'base64');
    securityHeaders(res);
    res.statusCode = 200;
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-length', String(body.length));
    res.setHeader(
      'content-disposition',
      `attachment; filename="paatos-${decision.decidedOn}-v${decision.version}.pdf"`,
    );
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : body);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'decision document failed');
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
    else res.end();
  });
  return true;
}

import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { securityHeaders, sendJson, type Logger, type TokenVerifier } from '@hb/kit';
import { gatewayContext, type GatewayContext } from './gateway-context';

/**
 * CSV export of the organiser's report: `GET /reports/{municipalityCode}/{year}/{table}.csv`.
 * Runs the federated `report` query through the gateway's own Apollo Server under the
 * caller's token (so every subgraph's authorization and suppression applies) and renders one
 * table as RFC 4180 CSV. Suppressed figures are empty cells; the `suppressed` column says so.
 * Nothing is computed here (the TOTAL rows are the graph's own totals), so the CSV shows exactly
 * the figures the subgraphs' complementary suppression left, never one that could undo it.
 */

export const REPORT_CSV_PATH = /^\/reports\/([0-9]{3})\/([0-9]{4})\/([a-z]+)\.csv$/;

const REPORT_QUERY = `query ReportCsv($m: ID!, $y: Int!) {
  report(municipalityCode: $m, year: $y) {
    municipalityCode year hbClientCount clientCount hbShare
    costs { serviceType { code name } suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
    totalCost { suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
    providers { provider { id name } suppressed clientCount chargeCount spent { amount } pending { amount } }
    alerts { kind suppressed count clientCount }
    providerSwitches { suppressed count clientCount reasons { reason suppressed count clientCount } }
    goals { suppressed clientCount goalCount reviewCount averageAttainment overdueShare }
    feedback { targetKind suppressed count averageRating }
  }
}`;

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, unknown>;
const amount = (m: unknown): Cell => (m as { amount?: string } | null)?.amount ?? null;

/** The tables: a header row and how to turn the report into rows. */
export const REPORT_TABLES: Record<string, { header: string[]; rows: (r: Row) => Cell[][] }> = {
  costs: {
    header: [
      'serviceType',
      'serviceName',
      'suppressed',
      'clientCount',
      'budgetCount',
      'granted',
      'paidOut',
      'spent',
      'pending',
      'lapsed',
    ],
    rows: (r) => {
      const line = (c: Row, code: Cell, name: Cell): Cell[] => [
        code,
        name,
        c.suppressed as boolean,
        c.clientCount as Cell,
        c.budgetCount as Cell,
        amount(c.granted),
        amount(c.paidOut),
        amount(c.spent),
        amount(c.pending),
        amount(c.lapsed),
      ];
      const costs = (r.costs as Row[]).map((c) => {
        const st = c.serviceType as { code: string; name: string } | null;
        return line(c, st?.code, st?.name);
      });
      return [...costs, line(r.totalCost as Row, 'TOTAL', 'Yhteensä')];
    },
  },
  providers: {
    header: [
      'providerId',
      'providerName',
      'suppressed',
      'clientCount',
      'chargeCount',
      'spent',
      'pending',
    ],
    rows: (r) =>
      (r.providers as Row[]).map((p) => {
        const provider = p.provider as { id: string; name?: string } | null;
        return [
          provider?.id,
          provider?.name,
          p.suppressed as boolean,
          p.clientCount as Cell,
          p.chargeCount as Cell,
          amount(p.spent),
          amount(p.pending),
        ];
      }),
  },
  switches: {
    header: ['reason', 'suppressed', 'count', 'clientCount'],
    rows: (r) => {
      const s = r.providerSwitches as Row;
      return [
        ['TOTAL', s.suppressed as boolean, s.count as Cell, s.clientCount as Cell],
        ...(s.reasons as Row[]).map((x) => [
          x.reason as Cell,
          x.suppressed as boolean,
          x.count as Cell,
          x.clientCount as Cell,
        ]),
      ];
    },
  },
  alerts: {
    header: ['kind', 'suppressed', 'count', 'clientCount'],
    rows: (r) =>
      (r.alerts as Row[]).map((a) => [
        a.kind as Cell,
        a.suppressed as boolean,
        a.count as Cell,
        a.clientCount as Cell,
      ]),
  },
  goals: {
    header: [
      'suppressed',
      'clientCount',
      'goalCount',
      'reviewCount',
      'averageAttainment',
      'overdueShare',
    ],
    rows: (r) => {
      const g = r.goals as Row;
      return [
        [
          g.suppressed as boolean,
          g.clientCount as Cell,
          g.goalCount as Cell,
          g.reviewCount as Cell,
          g.averageAttainment as Cell,
          g.overdueShare as Cell,
        ],
      ];
    },
  },
  feedback: {
    header: ['targetKind', 'suppressed', 'count', 'averageRating'],
    rows: (r) =>
      (r.feedback as Row[]).map((f) => [
        f.targetKind as Cell,
        f.suppressed as boolean,
        f.count as Cell,
        f.averageRating as Cell,
      ]),
  },
};

/**
 * One CSV field (RFC 4180): quoted, inner quotes doubled. A text starting with = + - @ (or a
 * tab or carriage return) gets a leading apostrophe so that spreadsheets never run it as a
 * formula. Numbers are written as they are (a negative number is data, not a formula).
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows to CSV text with CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function statusOf(code: unknown): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'BAD_USER_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    default:
      return 502;
  }
}

/** Handles a CSV request; returns false when the path is not a report CSV. */
export function handleReportCsv(
  apollo: ApolloServer<GatewayContext>,
  verify: TokenVerifier,
  logger: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  urlPath: string,
): boolean {
  const match = REPORT_CSV_PATH.exec(urlPath);
  if (!match) return false;
  const [, municipalityCode, yearText, table] = match as unknown as [
    string,
    string,
    string,
    string,
  ];
  void (async () => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { errors: [{ message: 'Use GET.' }] });
      return;
    }
    const spec = Object.prototype.hasOwnProperty.call(REPORT_TABLES, table)
      ? REPORT_TABLES[table]
      : undefined;
    if (!spec) {
      sendJson(res, 404, {
        errors: [
          { message: `No such table; use one of ${Object.keys(REPORT_TABLES).join(', ')}.` },
        ],
      });
      return;
    }
    const contextValue = await gatewayContext(req, verify);
    const response = await apollo.executeOperation(
      { query: REPORT_QUERY, variables: { m: municipalityCode, y: Number(yearText) } },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    const report = (data as { report?: Row | null } | null | undefined)?.report;
    if (errors?.length || !report) {
      const code =
        errors?.[0]?.extensions?.code ?? (contextValue.principal ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      sendJson(res, statusOf(code), {
        errors: [{ message: errors?.[0]?.message ?? 'No report.', extensions: { code } }],
      });
      return;
    }
    const csv = toCsv(spec.header, spec.rows(report));
    securityHeaders(res);
    res.statusCode = 200;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="report-${municipalityCode}-${yearText}-${table}.csv"`,
    );
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : csv);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'report csv failed');
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
    else res.end();
  });
  return true;
}

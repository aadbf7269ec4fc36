import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { securityHeaders, sendJson, type Logger, type TokenVerifier } from '@hb/kit';
import { gatewayContext, type GatewayContext } from './gateway-context';
import { toCsv } from './report-export/csv';
import {
  EXPORT_LANGS,
  REPORT_EXPORT_QUERY,
  TABLE_SPECS,
  exportTable,
  exportTables,
  isExportTable,
  type ExportLang,
} from './report-export/tables';
import type { toXlsx as ToXlsx } from './report-export/xlsx';

/**
 * The .xlsx writer, loaded on the first workbook: exceljs is most of a second of the gateway's
 * start on a small machine, and only this export needs it.
 */
function toXlsx(...args: Parameters<typeof ToXlsx>): ReturnType<typeof ToXlsx> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const xlsx = require('./report-export/xlsx') as typeof import('./report-export/xlsx');
  return xlsx.toXlsx(...args);
}

/**
 * Exports of the organiser's report:
 * - `GET /reports/{municipalityCode}/{year}/{table}.csv?lang=fi|sv` — one table as CSV for
 *   Finnish or Swedish Excel (BOM, `;`, decimal commas);
 * - `GET /reports/{municipalityCode}/{year}.xlsx?lang=fi|sv` — every table, one sheet each.
 * Both run the federated `report` query through the gateway's own Apollo Server under the
 * caller's token, so every subgraph's authorization and suppression applies; the exports only
 * arrange its answer (report-export/tables.ts).
 */

export const REPORT_CSV_PATH = /^\/reports\/([0-9]{3})\/([0-9]{4})\/([a-zA-Z]+)\.csv$/;
export const REPORT_XLSX_PATH = /^\/reports\/([0-9]{3})\/([0-9]{4})\.xlsx$/;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `lang` of the query string: fi when absent, null when not one of the export languages. */
function langOf(req: http.IncomingMessage): ExportLang | null {
  const value = new URL(req.url ?? '/', 'http://gateway').searchParams.get('lang') ?? 'fi';
  return EXPORT_LANGS.find((lang) => lang === value) ?? null;
}

/** Handles an export request; returns false when the path is not a report export. */
export function handleReportCsv(
  apollo: ApolloServer<GatewayContext>,
  verify: TokenVerifier,
  logger: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  urlPath: string,
): boolean {
  const csv = REPORT_CSV_PATH.exec(urlPath);
  const match = csv ?? REPORT_XLSX_PATH.exec(urlPath);
  if (!match) return false;
  // Both patterns capture the municipality and the year.
  const [, municipalityCode = '', yearText = ''] = match;
  const table = csv?.[3];
  void (async () => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { errors: [{ message: 'Use GET.' }] });
      return;
    }
    if (table !== undefined && !isExportTable(table)) {
      sendJson(res, 404, {
        errors: [{ message: `No such table; use one of ${Object.keys(TABLE_SPECS).join(', ')}.` }],
      });
      return;
    }
    const lang = langOf(req);
    if (!lang) {
      sendJson(res, 400, {
        errors: [
          {
            message: `lang must be one of ${EXPORT_LANGS.join(', ')}.`,
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
      return;
    }
    const contextValue = await gatewayContext(req, verify);
    const response = await apollo.executeOperation(
      { query: REPORT_EXPORT_QUERY, variables: { m: municipalityCode, y: Number(yearText) } },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    const report = isRecord(data?.report) ? data.report : null;
    if (errors?.length || !report) {
      const code =
        errors?.[0]?.extensions?.code ?? (contextValue.principal ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      sendJson(res, statusOf(code), {
        errors: [{ message: errors?.[0]?.message ?? 'No report.', extensions: { code } }],
      });
      return;
    }
    const base = `report-${municipalityCode}-${yearText}`;
    const [body, type, name] =
      table !== undefined
        ? [
            toCsv(exportTable(report, table, lang), lang),
            'text/csv; charset=utf-8',
            `${base}-${table}.csv`,
          ]
        : [
            await toXlsx(
              exportTables(report, lang),
              lang,
              `${lang === 'sv' ? 'Rapport' : 'Raportti'} ${municipalityCode} ${yearText}`,
            ),
            XLSX_TYPE,
            `${base}.xlsx`,
          ];
    securityHeaders(res);
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : body);
  })().catch((error: unknown) => {
    logger.error({ err: error }, 'report export failed');
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.' }] });
    else res.end();
  });
  return true;
}

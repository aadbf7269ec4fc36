/**
 * The organiser's report as tables for the exports (CSV and XLSX). Everything here only
 * arranges what the federated `report` query answered under the caller's token: no figure is
 * computed, summed or derived, so an export shows exactly the figures the subgraphs'
 * authorization and (complementary) suppression left, never one that could undo it.
 */

/** Languages of the exports' headers and words. */
export const EXPORT_LANGS = ['fi', 'sv'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

export const REPORT_EXPORT_QUERY = `query ReportExport($m: ID!, $y: Int!) {
  report(municipalityCode: $m, year: $y) {
    municipalityCode year
    costs { serviceType { code name } suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
    costsByGroup { serviceType { code name } classLevel individual suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
    totalCost { suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
    forecast { suppressed asOf clientCount granted { amount } spent { amount } pending { amount } projected { amount } lapsing { amount } }
    providers { provider { id name } suppressed clientCount chargeCount spent { amount } pending { amount } }
    alerts { kind suppressed count clientCount }
    providerSwitches { suppressed count clientCount reasons { reason suppressed count clientCount } }
    goals { suppressed clientCount goalCount reviewCount averageAttainment overdueShare }
    feedback { targetKind suppressed count averageRating }
  }
}`;

/** How a number is shown: whole counts, euros with cents, a share (0–1), or a mean. */
export type NumberKind = 'count' | 'euro' | 'share' | 'mean';

/**
 * One cell: a text, a number (as the graph gave it; `euro` from the Money scalar's decimal
 * text), a figure hidden by suppression, or nothing (a figure that does not exist, e.g. the
 * mean of no reviews).
 */
export type ExportCell =
  { text: string } | { number: number; kind: NumberKind } | { suppressed: true } | null;

export interface ExportTable {
  /** The table's name in URLs and file names: `costs`, `providers`, … */
  key: string;
  /** The sheet's name (at most 31 characters, no `[]:*?/\`). */
  title: string;
  header: string[];
  rows: ExportCell[][];
}

type Row = Record<string, unknown>;
type Words = Record<ExportLang, string>;

const WORDS = {
  total: { fi: 'Yhteensä', sv: 'Totalt' },
  suppressed: { fi: 'suojattu', sv: 'skyddad' },
  otherReasons: { fi: 'Muut syyt', sv: 'Övriga orsaker' },
  individual: { fi: 'Yksilöllinen', sv: 'Individuell' },
} satisfies Record<string, Words>;

/** The word a suppressed figure reads as (text, never a number). */
export const suppressedWord = (lang: ExportLang) => WORDS.suppressed[lang];

interface Column {
  header: Words;
  /** The cell of a row; figures of a suppressed row are replaced by the suppressed mark. */
  cell: (row: Row) => ExportCell;
  /** True for a figure (hidden when the row is suppressed); false for a label. */
  figure: boolean;
}

/** A cell's words: a report's labels are strings and numbers; anything else is written as JSON. */
const asText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
const text = (value: unknown): ExportCell =>
  value === null || value === undefined ? null : { text: asText(value) };
const count = (value: unknown): ExportCell =>
  typeof value === 'number' ? { number: value, kind: 'count' } : null;
const share = (value: unknown): ExportCell =>
  typeof value === 'number' ? { number: value, kind: 'share' } : null;
const mean = (value: unknown): ExportCell =>
  typeof value === 'number' ? { number: value, kind: 'mean' } : null;
/** The Money scalar's amount ("1234.50") as a number: a change of notation, not a computation. */
const euro = (value: unknown): ExportCell => {
  const amount = (value as { amount?: unknown } | null | undefined)?.amount;
  if (typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount)) return null;
  return { number: Number(amount), kind: 'euro' };
};

const label = (fi: string, sv: string, cell: (row: Row) => ExportCell): Column => ({
  header: { fi, sv },
  cell,
  figure: false,
});
const figure = (fi: string, sv: string, cell: (row: Row) => ExportCell): Column => ({
  header: { fi, sv },
  cell,
  figure: true,
});

const COST_COLUMNS = (lang: ExportLang): Column[] => [
  label('Palvelu', 'Tjänst', (r) => text((r.serviceType as Row | null)?.code ?? '')),
  label('Palvelun nimi', 'Tjänstens namn', (r) =>
    text((r.serviceType as Row | null)?.name ?? WORDS.total[lang]),
  ),
  figure('Asiakkaita', 'Klienter', (r) => count(r.clientCount)),
  figure('Budjetteja', 'Budgetar', (r) => count(r.budgetCount)),
  figure('Myönnetty (€)', 'Beviljat (€)', (r) => euro(r.granted)),
  figure('Maksettu (€)', 'Utbetalt (€)', (r) => euro(r.paidOut)),
  figure('Käytetty (€)', 'Använt (€)', (r) => euro(r.spent)),
  figure('Odottaa hyväksyntää (€)', 'Väntar på godkännande (€)', (r) => euro(r.pending)),
  figure('Rauennut (€)', 'Förfallit (€)', (r) => euro(r.lapsed)),
];

interface TableSpec {
  title: Words;
  columns: (lang: ExportLang) => Column[];
  rows: (report: Row) => Row[];
}

/** The tables in sheet order; a CSV is one of them by key. */
export const TABLE_SPECS: Record<string, TableSpec> = {
  costs: {
    title: { fi: 'Kustannukset', sv: 'Kostnader' },
    columns: COST_COLUMNS,
    rows: (r) => [...(r.costs as Row[]), { ...(r.totalCost as Row), serviceType: null }],
  },
  groups: {
    title: { fi: 'Asiakasryhmät', sv: 'Klientgrupper' },
    columns: (lang) => [
      ...COST_COLUMNS(lang).slice(0, 2),
      label('Asiakasryhmä (HB-luokka)', 'Klientgrupp (HB-klass)', (r) =>
        text(
          r.classLevel !== null && r.classLevel !== undefined
            ? asText(r.classLevel)
            : r.individual
              ? WORDS.individual[lang]
              : '',
        ),
      ),
      ...COST_COLUMNS(lang).slice(2),
    ],
    rows: (r) => r.costsByGroup as Row[],
  },
  forecast: {
    title: { fi: 'Ennuste', sv: 'Prognos' },
    columns: () => [
      label('Tilanne', 'Läge', (r) => text(r.asOf)),
      figure('Asiakkaita', 'Klienter', (r) => count(r.clientCount)),
      figure('Myönnetty (€)', 'Beviljat (€)', (r) => euro(r.granted)),
      figure('Käytetty (€)', 'Använt (€)', (r) => euro(r.spent)),
      figure('Odottaa hyväksyntää (€)', 'Väntar på godkännande (€)', (r) => euro(r.pending)),
      figure('Arvioitu käyttö loppuvuonna (€)', 'Beräknad användning resten av året (€)', (r) =>
        euro(r.projected),
      ),
      figure('Arvioitu raukeava (€)', 'Beräknat förfallande (€)', (r) => euro(r.lapsing)),
    ],
    rows: (r) => (r.forecast ? [r.forecast as Row] : []),
  },
  providers: {
    title: { fi: 'Palveluntuottajat', sv: 'Serviceproducenter' },
    columns: () => [
      label('Tunnus', 'Id', (r) => text((r.provider as Row | null)?.id)),
      label('Palveluntuottaja', 'Serviceproducent', (r) => text((r.provider as Row | null)?.name)),
      figure('Asiakkaita', 'Klienter', (r) => count(r.clientCount)),
      figure('Veloituksia', 'Debiteringar', (r) => count(r.chargeCount)),
      figure('Käytetty (€)', 'Använt (€)', (r) => euro(r.spent)),
      figure('Odottaa hyväksyntää (€)', 'Väntar på godkännande (€)', (r) => euro(r.pending)),
    ],
    rows: (r) => r.providers as Row[],
  },
  switches: {
    title: { fi: 'Vaihdot', sv: 'Byten' },
    columns: (lang) => [
      label('Syy', 'Orsak', (r) =>
        text(r.isTotal ? WORDS.total[lang] : (r.reason ?? WORDS.otherReasons[lang])),
      ),
      figure('Vaihtoja', 'Byten', (r) => count(r.count)),
      figure('Asiakkaita', 'Klienter', (r) => count(r.clientCount)),
    ],
    rows: (r) => {
      const s = r.providerSwitches as Row;
      return [...(s.reasons as Row[]), { ...s, isTotal: true }];
    },
  },
  alerts: {
    title: { fi: 'Hälytykset', sv: 'Larm' },
    columns: () => [
      label('Laji', 'Typ', (r) => text(r.kind)),
      figure('Hälytyksiä', 'Larm', (r) => count(r.count)),
      figure('Asiakkaita', 'Klienter', (r) => count(r.clientCount)),
    ],
    rows: (r) => r.alerts as Row[],
  },
  goals: {
    title: { fi: 'Tavoitteet', sv: 'Mål' },
    columns: () => [
      figure('Asiakkaita', 'Klienter', (r) => count(r.clientCount)),
      figure('Tavoitteita', 'Mål', (r) => count(r.goalCount)),
      figure('Arviointeja', 'Bedömningar', (r) => count(r.reviewCount)),
      figure('Toteutuminen keskimäärin (%)', 'Måluppfyllelse i medeltal (%)', (r) =>
        mean(r.averageAttainment),
      ),
      figure('Arviointi myöhässä (osuus)', 'Bedömning försenad (andel)', (r) =>
        share(r.overdueShare),
      ),
    ],
    rows: (r) => [r.goals as Row],
  },
  feedback: {
    title: { fi: 'Palaute', sv: 'Respons' },
    columns: () => [
      label('Kohde', 'Gäller', (r) => text(r.targetKind)),
      figure('Palautteita', 'Respons', (r) => count(r.count)),
      figure('Arvosana keskimäärin', 'Betyg i medeltal', (r) => mean(r.averageRating)),
    ],
    rows: (r) => r.feedback as Row[],
  },
};

/** One table of a report in a language; a suppressed row's figures read as suppressed. */
export function exportTable(report: Row, key: string, lang: ExportLang): ExportTable {
  const spec = TABLE_SPECS[key];
  if (!spec) throw new RangeError(`no table ${key}`);
  const columns = spec.columns(lang);
  return {
    key,
    title: spec.title[lang],
    header: columns.map((c) => c.header[lang]),
    rows: spec
      .rows(report)
      .map((row) =>
        columns.map((c) =>
          c.figure && row.suppressed === true ? { suppressed: true as const } : c.cell(row),
        ),
      ),
  };
}

/** Every table of a report, in sheet order. */
export function exportTables(report: Row, lang: ExportLang): ExportTable[] {
  return Object.keys(TABLE_SPECS).map((key) => exportTable(report, key, lang));
}

export function isExportTable(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(TABLE_SPECS, key);
}

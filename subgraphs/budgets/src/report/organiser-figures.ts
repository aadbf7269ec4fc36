/**
 * The organiser-wide cost rows of an organiser's report and which of them to hide, from its
 * municipalities' reports as their readers see them. Pure: no TypeORM, no GraphQL.
 */
import { suppressTable, type TableRow, type TableSum } from '@hb/kit';
import type { CostRow } from './report-figures';
import { TOTAL_ROW, costRow, type ShownFigures } from './report-rows';

/** One municipality's report: its figures and the rows its own report hides. */
export interface MunicipalityPart extends ShownFigures {
  municipalityCode: string;
}

/** A row summed over the organiser's municipalities, and whether the organiser's report hides it. */
export interface OrganiserCost {
  row: CostRow;
  hidden: boolean;
}

/** The service type of a cost row by service type (only the total row has none). */
function serviceOf(row: CostRow): string {
  if (row.serviceTypeCode === null)
    throw new Error('A cost row by service type came without its service type.');
  return row.serviceTypeCode;
}

/** The rows summed, figure by figure, as one row of the given service type (null: the total). */
export function sumCosts(rows: readonly CostRow[], serviceTypeCode: string | null): CostRow {
  return rows.reduce<CostRow>(
    (acc, r) => ({
      serviceTypeCode,
      clientCount: acc.clientCount + r.clientCount,
      budgetCount: acc.budgetCount + r.budgetCount,
      grantedCents: acc.grantedCents + r.grantedCents,
      paidOutCents: acc.paidOutCents + r.paidOutCents,
      spentCents: acc.spentCents + r.spentCents,
      pendingCents: acc.pendingCents + r.pendingCents,
      lapsedCents: acc.lapsedCents + r.lapsedCents,
    }),
    {
      serviceTypeCode,
      clientCount: 0,
      budgetCount: 0,
      grantedCents: 0,
      paidOutCents: 0,
      spentCents: 0,
      pendingCents: 0,
      lapsedCents: 0,
    },
  );
}

/**
 * The organiser-wide figures: the total and the costs by service type, summed over its
 * municipalities, each hidden when it is about 1–4 clients or when it together with what
 * the municipalities' own reports show would give back a figure they hide. The reader knows
 * every municipality's shown rows; the hidden ones are the unknowns to protect.
 */
export function organiserCosts(parts: readonly MunicipalityPart[]): {
  total: OrganiserCost;
  costs: OrganiserCost[];
} {
  const services = [
    ...new Set(parts.flatMap(({ figures }) => figures.costs.map(serviceOf))),
  ].sort();
  const total = sumCosts(
    parts.map(({ figures }) => figures.total),
    null,
  );
  const costs = services.map((code) => ({
    code,
    row: sumCosts(
      parts.flatMap(({ figures }) => figures.costs.filter((c) => c.serviceTypeCode === code)),
      code,
    ),
  }));
  const countyRow = (code: string) => `county:${code}`;
  const muniRow = (p: MunicipalityPart) => `municipality:${p.municipalityCode}`;
  const cellRow = (p: MunicipalityPart, code: string) => `cell:${p.municipalityCode}|${code}`;
  const rows: TableRow[] = [
    { id: TOTAL_ROW, clients: total.clientCount },
    ...costs.map((c) => ({ id: countyRow(c.code), clients: c.row.clientCount })),
  ];
  const sums: TableSum[] = [
    { total: TOTAL_ROW, parts: costs.map((c) => countyRow(c.code)) },
    { total: TOTAL_ROW, parts: parts.map(muniRow) },
  ];
  for (const part of parts) {
    const { figures, hidden } = part;
    // Shown in the municipality's own report: known to the reader. Hidden there: unknown,
    // never shown here either, and protected.
    const own = (hiddenThere: boolean) => (hiddenThere ? { published: false } : { known: true });
    rows.push({
      id: muniRow(part),
      clients: figures.total.clientCount,
      ...own(hidden.has(TOTAL_ROW)),
    });
    for (const c of figures.costs) {
      rows.push({
        id: cellRow(part, serviceOf(c)),
        clients: c.clientCount,
        ...own(hidden.has(costRow(c))),
      });
    }
    sums.push({
      total: muniRow(part),
      parts: figures.costs.map((c) => cellRow(part, serviceOf(c))),
    });
  }
  for (const c of costs) {
    const cells = parts
      .filter((p) => p.figures.costs.some((x) => x.serviceTypeCode === c.code))
      .map((p) => cellRow(p, c.code));
    sums.push({ total: countyRow(c.code), parts: cells });
  }
  const hidden = suppressTable({ rows, sums: sums.filter((x) => x.parts.length > 0) });
  return {
    total: { row: total, hidden: hidden.has(TOTAL_ROW) },
    costs: costs.map((c) => ({ row: c.row, hidden: hidden.has(countyRow(c.code)) })),
  };
}

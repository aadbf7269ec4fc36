/**
 * Pure settlement rules (tilitys): which charges a run takes, how they form payment batches
 * (maksuerät), and how a batch moves from created to exported to paid. No database, no GraphQL.
 */

/** A confirmed charge that no batch holds yet, as a settlement run sees it. */
export interface SettleableCharge {
  id: string;
  payeeId: string;
  /** A provider's charge (default), or an approved expense paid to the client (payeeId). */
  payeeKind?: 'PROVIDER' | 'CLIENT';
  amountCents: number;
  serviceDate: string;
  serviceType: string;
  confirmedAt: Date;
}

/** One payee's batch of a run: its lines in a stable order, and their sum. */
export interface PlannedBatch {
  payeeId: string;
  payeeKind: 'PROVIDER' | 'CLIENT';
  lines: SettleableCharge[];
  totalCents: number;
}

/**
 * Groups charges into exactly one batch per payee (a provider, or a client for her expenses). Batches come in payee order and lines in
 * service-date order (then id), so the same charges always make the same batches.
 * @throws RangeError for a charge that is not a positive whole number of cents, or a charge
 *   given twice (programming errors: the store returns confirmed charges once each).
 */
export function planBatches(charges: readonly SettleableCharge[]): PlannedBatch[] {
  const seen = new Set<string>();
  const byPayee = new Map<string, SettleableCharge[]>();
  for (const c of charges) {
    if (!Number.isSafeInteger(c.amountCents) || c.amountCents <= 0) {
      throw new RangeError(`charge ${c.id}: amount must be positive whole cents.`);
    }
    if (seen.has(c.id)) throw new RangeError(`charge ${c.id} given twice.`);
    seen.add(c.id);
    const key = `${c.payeeKind ?? 'PROVIDER'}:${c.payeeId}`;
    byPayee.set(key, [...(byPayee.get(key) ?? []), c]);
  }
  // By key (keys are distinct), as a plain sort of the keys would order them.
  const groups = [...byPayee].sort(([a], [b]) => (a < b ? -1 : 1));
  return groups.map(([key, group]) => {
    const payeeKind = key.startsWith('CLIENT:') ? 'CLIENT' : 'PROVIDER';
    const payeeId = key.slice(payeeKind.length + 1);
    const lines = [...group].sort((a, b) =>
      a.serviceDate === b.serviceDate
        ? a.id < b.id
          ? -1
          : 1
        : a.serviceDate < b.serviceDate
          ? -1
          : 1,
    );
    return {
      payeeId,
      payeeKind,
      lines,
      totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
    };
  });
}

/** The longest period one run may cover. */
export const MAX_PERIOD_DAYS = 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : null;
}

export type PeriodCheck =
  | { ok: true; from: string; to: string }
  | { ok: false; code: 'VALIDATION' | 'PERIOD_NOT_STARTED'; field: string; message: string };

/**
 * A settlement period: whole days `from`–`to` (inclusive) of the charges' confirmation in
 * Finnish time, at most {@link MAX_PERIOD_DAYS} long, already begun on `today`. A period still
 * running may be settled: a later run of the same period takes only what was confirmed since.
 */
export function checkPeriod(from: string, to: string, today: string): PeriodCheck {
  const f = parseDate(from);
  if (f === null || f < Date.UTC(2000, 0, 1))
    return {
      ok: false,
      code: 'VALIDATION',
      field: 'input.from',
      message: 'from must be a date (YYYY-MM-DD) from 2000 on.',
    };
  const t = parseDate(to);
  if (t === null || t > Date.UTC(2100, 11, 31))
    return {
      ok: false,
      code: 'VALIDATION',
      field: 'input.to',
      message: 'to must be a date (YYYY-MM-DD) up to 2100.',
    };
  if (t < f)
    return {
      ok: false,
      code: 'VALIDATION',
      field: 'input.to',
      message: 'to must not be before from.',
    };
  if ((t - f) / 86_400_000 + 1 > MAX_PERIOD_DAYS)
    return {
      ok: false,
      code: 'VALIDATION',
      field: 'input.to',
      message: `A period is at most ${MAX_PERIOD_DAYS} days.`,
    };
  if (from > today)
    return {
      ok: false,
      code: 'PERIOD_NOT_STARTED',
      field: 'input.from',
      message: 'The period has not begun yet.',
    };
  return { ok: true, from, to };
}

export type BatchStatus = 'CREATED' | 'EXPORTED' | 'PAID';
export type BatchAction = 'EXPORT' | 'MARK_PAID';

export type BatchStep =
  | { ok: true; to: BatchStatus; first: boolean }
  | { ok: false; code: 'ALREADY_PAID' | 'NOT_EXPORTED'; message: string };

/**
 * CREATED → EXPORTED → PAID. Exporting again gives the same file (the bank refuses a message
 * id twice), so it is allowed until the batch is paid; after that a new bank file could pay
 * the payee twice. Only an exported batch can have been paid.
 */
export function batchStep(status: BatchStatus, action: BatchAction): BatchStep {
  if (status === 'PAID')
    return { ok: false, code: 'ALREADY_PAID', message: 'This payment batch is already paid.' };
  if (action === 'EXPORT') return { ok: true, to: 'EXPORTED', first: status === 'CREATED' };
  if (status === 'CREATED')
    return {
      ok: false,
      code: 'NOT_EXPORTED',
      message: 'Export the batch to the bank (pain.001) before marking it paid.',
    };
  return { ok: true, to: 'PAID', first: true };
}

/** The batch's reference (maksuerän tunnus): the bank file's message id and remittance text. */
export function batchReference(municipalityCode: string, number: number): string {
  return `HB-${municipalityCode}-${String(number).padStart(6, '0')}`;
}

import type { AlertKind, RaisedAlert } from '../domain/alert-rules';

/**
 * The life of a stored alert, apart from the rules that raise it. Pure: no database, no GraphQL.
 *
 * - OPEN: the condition holds and nobody has looked at it yet.
 * - ACKNOWLEDGED: staff have seen it (with a note); it stays until the condition passes.
 * - RESOLVED: the condition has passed (or was superseded by next month's alert of the kind).
 */
export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/** A stored alert, as far as the lifecycle needs it. */
export interface StoredAlert {
  readonly id: string;
  readonly kind: AlertKind;
  readonly key: string;
  readonly message: string;
  readonly status: AlertStatus;
}

/** What re-evaluating one budget changes in its stored alerts. */
export interface AlertReconciliation {
  /** Alerts not stored before (by key): insert them OPEN. */
  readonly raise: readonly RaisedAlert[];
  /** Stored alerts that hold again after being resolved: back to OPEN with the new text. */
  readonly reopen: readonly RaisedAlert[];
  /** Stored, unresolved alerts whose numbers changed: new text, status kept. */
  readonly refresh: readonly RaisedAlert[];
  /** Ids of unresolved alerts whose condition has passed. */
  readonly resolve: readonly string[];
}

/**
 * Rules judged on the budget's state at every run: when such a rule does not fire (or fires
 * under another month's key), its stored alert has passed. An abnormal charge is judged once,
 * when the charge arrives, so not firing again says nothing; it passes when the charge is no
 * longer live (rejected).
 */
const STATE_KINDS: ReadonlySet<AlertKind> = new Set([
  'UNDERUSE',
  'OVERUSE',
  'YEAR_END_LAPSE_AHEAD',
]);

/**
 * Compares what the rules raise now with what is stored for the same budget.
 *
 * @param stored every stored alert of the budget (any status)
 * @param raised what {@link evaluateAlerts} returns for the budget's current state
 * @param liveChargeIds ids of the budget's charges that are pending or confirmed
 */
export function reconcileAlerts(
  stored: readonly StoredAlert[],
  raised: readonly RaisedAlert[],
  liveChargeIds: ReadonlySet<string>,
): AlertReconciliation {
  const byKey = new Map(stored.map((a) => [a.key, a]));
  const raisedKeys = new Set(raised.map((a) => a.key));
  const raise: RaisedAlert[] = [];
  const reopen: RaisedAlert[] = [];
  const refresh: RaisedAlert[] = [];
  for (const alert of raised) {
    const existing = byKey.get(alert.key);
    if (!existing) raise.push(alert);
    else if (existing.status === 'RESOLVED') reopen.push(alert);
    else if (existing.message !== alert.message) refresh.push(alert);
  }
  const resolve = stored
    .filter((a) => a.status !== 'RESOLVED' && !raisedKeys.has(a.key))
    .filter((a) =>
      STATE_KINDS.has(a.kind) ? true : !liveChargeIds.has(abnormalChargeId(a.key) ?? ''),
    )
    .map((a) => a.id);
  return { raise, reopen, refresh, resolve };
}

/** True when re-evaluation changes nothing. */
export function isUnchanged(r: AlertReconciliation): boolean {
  return (
    r.raise.length === 0 &&
    r.reopen.length === 0 &&
    r.refresh.length === 0 &&
    r.resolve.length === 0
  );
}

/** The transaction id in an `ABNORMAL_CHARGE:<id>` key, else null. */
export function abnormalChargeId(key: string): string | null {
  return key.startsWith('ABNORMAL_CHARGE:') ? key.slice('ABNORMAL_CHARGE:'.length) : null;
}

/** The longest acknowledgement note kept. */
export const MAX_NOTE_LENGTH = 1000;

/** Why an acknowledgement is refused, or null when it may be stored (with the trimmed note). */
export function acknowledgementRefusal(
  status: AlertStatus,
  note: string,
): { code: 'VALIDATION' | 'ALREADY_ACKNOWLEDGED' | 'ALERT_RESOLVED'; message: string } | null {
  const trimmed = note.trim();
  if (trimmed.length === 0)
    return { code: 'VALIDATION', message: 'Write a note: what was done or agreed.' };
  if (trimmed.length > MAX_NOTE_LENGTH)
    return {
      code: 'VALIDATION',
      message: `The note may be at most ${MAX_NOTE_LENGTH} characters.`,
    };
  // Control characters would make the note unreadable in the UI and the e-mail digest.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed))
    return { code: 'VALIDATION', message: 'The note contains control characters.' };
  if (status === 'ACKNOWLEDGED')
    return { code: 'ALREADY_ACKNOWLEDGED', message: 'This alert has already been acknowledged.' };
  if (status === 'RESOLVED')
    return { code: 'ALERT_RESOLVED', message: 'This alert has already resolved itself.' };
  return null;
}

/** Who an alert is addressed to. */
export type AlertAudience = 'OWN_WORKER' | 'ADVISER' | 'CLIENT' | 'TEAM';

/**
 * The own worker and the adviser always; the client and her team when the alert is about how
 * she uses her money (they can act on it). An abnormal charge goes to the client too: she is
 * the one who confirms or rejects it.
 */
export function audiencesOf(kind: AlertKind): AlertAudience[] {
  switch (kind) {
    case 'UNDERUSE':
    case 'OVERUSE':
    case 'YEAR_END_LAPSE_AHEAD':
      return ['OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM'];
    case 'ABNORMAL_CHARGE':
      return ['OWN_WORKER', 'ADVISER', 'CLIENT'];
  }
}

/** The title of an alert's inbox item. */
export const ALERT_TITLES: Record<AlertKind, string> = {
  UNDERUSE: 'Hälytys: budjettia käytetään vähän',
  OVERUSE: 'Hälytys: budjettia käytetään nopeasti',
  ABNORMAL_CHARGE: 'Hälytys: poikkeava veloitus',
  YEAR_END_LAPSE_AHEAD: 'Hälytys: rahaa raukeamassa vuoden lopussa',
};

/** The alert in plain language for the client and her team (the staff read the numbers). */
export function plainMessageOf(kind: AlertKind): string {
  switch (kind) {
    case 'UNDERUSE':
      return 'Budjettiasi on käytetty vähemmän kuin vuotta on kulunut. Mietitään yhdessä, saatko tarvitsemasi palvelut.';
    case 'OVERUSE':
      return 'Budjettiasi on käytetty nopeammin kuin vuosi kuluu. Raha voi loppua ennen vuoden loppua.';
    case 'YEAR_END_LAPSE_AHEAD':
      return 'Budjetissasi on vielä paljon käyttämätöntä rahaa. Käyttämätön osa raukeaa vuoden lopussa.';
    case 'ABNORMAL_CHARGE':
      return 'Budjetistasi on veloitettu tavallista poikkeava summa. Tarkista veloitus ennen kuin hyväksyt sen.';
  }
}

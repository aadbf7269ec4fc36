import { evaluateAlerts, type AlertInput, type RaisedAlert } from '../domain/alert-rules';
import {
  acknowledgementRefusal,
  audiencesOf,
  isUnchanged,
  reconcileAlerts,
  type AlertStatus,
  type StoredAlert,
} from './alert-lifecycle';

// 36 500 € in 2026: on 2026-08-08 exactly 60 % of the year has passed.
const base: AlertInput = {
  today: '2026-08-08',
  year: 2026,
  grantedCents: 3650000,
  spentCents: 0,
  charges: [],
};

/** Stores what a reconciliation says, as the store does: the state after one run. */
function apply(stored: StoredAlert[], raised: RaisedAlert[], live: string[] = []): StoredAlert[] {
  const r = reconcileAlerts(stored, raised, new Set(live));
  const next = stored.map((a) => {
    const fresh = [...r.reopen, ...r.refresh].find((x) => x.key === a.key);
    if (r.resolve.includes(a.id)) return { ...a, status: 'RESOLVED' as const };
    if (r.reopen.some((x) => x.key === a.key))
      return { ...a, status: 'OPEN' as const, message: fresh!.message };
    if (fresh) return { ...a, message: fresh.message };
    return a;
  });
  return [
    ...next,
    ...r.raise.map((a) => ({
      id: `id-${a.key}`,
      kind: a.kind,
      key: a.key,
      message: a.message,
      status: 'OPEN' as const,
    })),
  ];
}

const statuses = (alerts: StoredAlert[]) =>
  Object.fromEntries(alerts.map((a) => [a.key, a.status]));

describe('re-evaluating a budget', () => {
  // Each row is a day in the life of one budget: the state, then what is stored afterwards.
  const steps: Array<[string, Partial<AlertInput>, string[], Record<string, AlertStatus>]> = [
    ['nothing used by August: underuse is raised', {}, [], { 'UNDERUSE:2026-08': 'OPEN' }],
    ['the same day again: nothing new', {}, [], { 'UNDERUSE:2026-08': 'OPEN' }],
    [
      'a charge brings use up to 40 %: underuse resolves itself',
      { spentCents: 1460000 },
      [],
      { 'UNDERUSE:2026-08': 'RESOLVED' },
    ],
    [
      'the charge is rejected: underuse holds again and reopens',
      { spentCents: 0 },
      [],
      { 'UNDERUSE:2026-08': 'OPEN' },
    ],
    [
      "next month: August's alert is superseded by September's",
      { today: '2026-09-10' },
      [],
      { 'UNDERUSE:2026-08': 'RESOLVED', 'UNDERUSE:2026-09': 'OPEN' },
    ],
    [
      'heavy use: underuse resolves, overuse is raised',
      { today: '2026-09-10', spentCents: 3400000 },
      [],
      { 'UNDERUSE:2026-08': 'RESOLVED', 'UNDERUSE:2026-09': 'RESOLVED', 'OVERUSE:2026-09': 'OPEN' },
    ],
  ];

  it('raises, keeps, resolves, reopens and supersedes as the state changes', () => {
    let stored: StoredAlert[] = [];
    for (const [, input, live, expected] of steps) {
      stored = apply(stored, evaluateAlerts({ ...base, ...input }), live);
      expect(statuses(stored)).toEqual(expected);
    }
  });

  it.each(steps.map((s, i) => [s[0], i] as const))('step "%s" is as the table says', (_, i) => {
    let stored: StoredAlert[] = [];
    for (const [, input, live] of steps.slice(0, i + 1))
      stored = apply(stored, evaluateAlerts({ ...base, ...input }), live);
    expect(statuses(stored)).toEqual(steps[i]![3]);
  });

  it('refreshes the numbers of an alert that still holds, keeping its acknowledgement', () => {
    const [first] = evaluateAlerts(base);
    const stored: StoredAlert[] = [{ id: 'a', ...first!, status: 'ACKNOWLEDGED' }];
    const later = evaluateAlerts({ ...base, spentCents: 100000 });
    const r = reconcileAlerts(stored, later, new Set());
    expect(r.refresh.map((a) => a.key)).toEqual(['UNDERUSE:2026-08']);
    expect(r.refresh[0]!.message).toContain('1\u00a0000,00');
    expect(r.resolve).toEqual([]);
    expect(r.reopen).toEqual([]);
  });

  it('changes nothing when nothing changed', () => {
    const stored = apply([], evaluateAlerts(base));
    expect(isUnchanged(reconcileAlerts(stored, evaluateAlerts(base), new Set()))).toBe(true);
  });

  it.each([
    ['the charge is still pending or confirmed: stays', ['t1'], 'OPEN'],
    ['the charge was rejected: resolves', [], 'RESOLVED'],
  ] as const)('an abnormal charge alert: %s', (_, live, status) => {
    const stored: StoredAlert[] = [
      { id: 'x', kind: 'ABNORMAL_CHARGE', key: 'ABNORMAL_CHARGE:t1', message: 'm', status: 'OPEN' },
    ];
    // Later runs judge no new charge, so the rules do not raise it again.
    expect(statuses(apply(stored, [], [...live]))).toEqual({ 'ABNORMAL_CHARGE:t1': status });
  });

  it('never touches an alert that is already resolved', () => {
    const stored: StoredAlert[] = [
      { id: 'r', kind: 'OVERUSE', key: 'OVERUSE:2026-07', message: 'm', status: 'RESOLVED' },
    ];
    expect(isUnchanged(reconcileAlerts(stored, [], new Set()))).toBe(true);
  });
});

describe('acknowledging', () => {
  it.each([
    ['OPEN', 'Soitettu asiakkaalle, käyttö alkaa lokakuussa.', null],
    ['OPEN', '  trimmed  ', null],
    ['OPEN', '', 'VALIDATION'],
    ['OPEN', '   ', 'VALIDATION'],
    ['OPEN', 'x'.repeat(1001), 'VALIDATION'],
    ['OPEN', 'ok\u0007', 'VALIDATION'],
    ['OPEN', 'rivi 1\nrivi 2', null],
    ['ACKNOWLEDGED', 'again', 'ALREADY_ACKNOWLEDGED'],
    ['RESOLVED', 'late', 'ALERT_RESOLVED'],
  ] as const)('%s with note %j → %s', (status, note, code) => {
    expect(acknowledgementRefusal(status, note)?.code ?? null).toBe(code);
  });
});

describe('addressees', () => {
  it.each([
    ['UNDERUSE', ['OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM']],
    ['OVERUSE', ['OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM']],
    ['YEAR_END_LAPSE_AHEAD', ['OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM']],
    ['ABNORMAL_CHARGE', ['OWN_WORKER', 'ADVISER', 'CLIENT']],
  ] as const)('%s goes to %j', (kind, who) => {
    expect(audiencesOf(kind)).toEqual(who);
  });
});

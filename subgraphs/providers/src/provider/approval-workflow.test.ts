import { APPROVAL_STATUSES, type ApprovalStatus } from './catalogue';
import { DECISIONS, transition } from './approval-workflow';

const allowed: Array<[ApprovalStatus, ApprovalStatus]> = [
  ['PENDING', 'APPROVED'],
  ['PENDING', 'REJECTED'],
  ['PENDING', 'INFO_REQUESTED'],
  ['INFO_REQUESTED', 'APPROVED'],
  ['INFO_REQUESTED', 'REJECTED'],
  ['APPROVED', 'SUSPENDED'],
  ['SUSPENDED', 'APPROVED'],
  ['SUSPENDED', 'REJECTED'],
];
const isAllowed = (from: ApprovalStatus, to: ApprovalStatus) =>
  allowed.some(([f, t]) => f === from && t === to);

const every: Array<[ApprovalStatus, ApprovalStatus]> = APPROVAL_STATUSES.flatMap((from) =>
  APPROVAL_STATUSES.map((to) => [from, to] as [ApprovalStatus, ApprovalStatus]),
);

describe('approval workflow', () => {
  it('applies only once, into PENDING', () => {
    expect(transition(null, { kind: 'APPLY' })).toEqual({ ok: true, to: 'PENDING' });
    for (const from of APPROVAL_STATUSES) {
      expect(transition(from, { kind: 'APPLY' })).toMatchObject({
        ok: false,
        code: 'INVALID_TRANSITION',
      });
    }
  });

  it.each(every)('decision %s → %s', (from, to) => {
    const result = transition(from, { kind: 'DECIDE', decision: to, reason: 'Perustelu' });
    if (isAllowed(from, to)) expect(result).toEqual({ ok: true, to });
    else expect(result.ok).toBe(false);
  });

  it('matches the documented table exactly', () => {
    const table = Object.entries(DECISIONS).flatMap(([f, ts]) => ts.map((t) => [f, t]));
    expect(table.sort()).toEqual([...allowed].sort());
  });

  it.each(allowed.filter(([, to]) => to !== 'APPROVED'))('%s → %s needs a reason', (from, to) => {
    for (const reason of [null, '', '   ']) {
      expect(transition(from, { kind: 'DECIDE', decision: to, reason })).toMatchObject({
        ok: false,
        code: 'REASON_REQUIRED',
      });
    }
    expect(
      transition(from, { kind: 'DECIDE', decision: to, reason: 'x'.repeat(2001) }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('approves without a reason', () => {
    expect(transition('PENDING', { kind: 'DECIDE', decision: 'APPROVED', reason: null })).toEqual({
      ok: true,
      to: 'APPROVED',
    });
  });

  it('refuses approving a rejected application without a new submission', () => {
    const result = transition('REJECTED', { kind: 'DECIDE', decision: 'APPROVED', reason: null });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(!result.ok && result.message).toMatch(/new submission/);
  });

  it('refuses PENDING as a decision and deciding before applying', () => {
    expect(
      transition('INFO_REQUESTED', { kind: 'DECIDE', decision: 'PENDING', reason: 'x' }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_DECISION',
    });
    expect(transition(null, { kind: 'DECIDE', decision: 'APPROVED', reason: null }).ok).toBe(false);
  });

  it.each(APPROVAL_STATUSES.map((s) => [s]))(
    'resubmits from %s only after INFO_REQUESTED or REJECTED',
    (from) => {
      const result = transition(from, { kind: 'RESUBMIT' });
      if (from === 'INFO_REQUESTED' || from === 'REJECTED')
        expect(result).toEqual({ ok: true, to: 'PENDING' });
      else expect(result).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    },
  );

  it('refuses resubmitting without an application', () => {
    expect(transition(null, { kind: 'RESUBMIT' }).ok).toBe(false);
  });
});

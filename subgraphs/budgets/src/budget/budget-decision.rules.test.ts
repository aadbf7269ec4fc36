import { amountRefusal, statusRefusal } from './budget-decision.rules';

describe('statusRefusal', () => {
  it.each([
    ['ACTIVE', null],
    ['DECIDED', null],
    ['ENDED', 'BUDGET_ENDED'],
    ['CLOSED', 'BUDGET_CLOSED'],
  ])('%s', (status, code) => {
    expect(statusRefusal(status)?.code ?? null).toBe(code);
  });
});

describe('amountRefusal', () => {
  const balance = {
    committedCents: 300_00,
    lapsedCents: 0,
    spentCents: 100_00,
    pendingCents: 50_00,
    paidOutCents: 200_00,
  };
  it.each([
    ['above everything', 1000_00, {}, null],
    ['exactly what commitments hold', 300_00, {}, null],
    ['below what commitments hold', 299_99, {}, 'BELOW_COMMITTED'],
    ['below commitments and lapsed money', 350_00, { lapsedCents: 60_00 }, 'BELOW_COMMITTED'],
    ['below what is used', 400_00, { committedCents: 0, spentCents: 400_01 }, 'BELOW_USED'],
    ['below what is paid out', 150_00, { committedCents: 0, paidOutCents: 150_01 }, 'BELOW_USED'],
  ])('%s', (_name, total, over, code) => {
    expect(amountRefusal(total, { ...balance, ...over })?.code ?? null).toBe(code);
  });

  it('names the floor in euros', () => {
    expect(amountRefusal(100_00, { ...balance, committedCents: 0 })).toEqual({
      code: 'BELOW_USED',
      message: 'The new amount is below what is already used or paid out (200.00 €).',
      field: 'input',
    });
  });
});

import { instalmentScheduleFromMonths } from './instalment-schedule';
import { scheduleUnpaid } from './reschedule';

const essi2022 = [20, 20, 23, 19, 21, 21, 0, 23, 22, 21, 22, 20].map((d) => d * 16000);

describe('scheduleUnpaid', () => {
  it('equals the plain schedule when nothing is paid', () => {
    const plain = instalmentScheduleFromMonths({ year: 2022, months: essi2022, intervalMonths: 3 });
    if (!plain.ok) throw new Error('not ok');
    const unpaid = scheduleUnpaid({
      year: 2022,
      monthCents: essi2022,
      intervalMonths: 3,
      paidThroughMonth: 0,
      remainingCents: 3_712_000,
    });
    expect(unpaid).toEqual(plain.instalments);
    expect(unpaid.map((i) => i.cents)).toEqual([1_008_000, 976_000, 720_000, 1_008_000]);
  });

  it('spreads a re-assessed remainder over the unpaid months, summing exactly', () => {
    const months = new Array<number>(12).fill(100_000);
    const unpaid = scheduleUnpaid({
      year: 2026,
      monthCents: months,
      intervalMonths: 2,
      paidThroughMonth: 3,
      remainingCents: 1_000_001,
    });
    expect(unpaid.map((i) => [i.firstMonth, i.lastMonth])).toEqual([
      [4, 5],
      [6, 7],
      [8, 9],
      [10, 11],
      [12, 12],
    ]);
    expect(unpaid.reduce((s, i) => s + i.cents, 0)).toBe(1_000_001);
    expect(unpaid[0]!.dueDate).toBe('2026-04-01');
  });

  it('pays a top-up in December when every month is paid, and nothing when nothing remains', () => {
    expect(
      scheduleUnpaid({
        year: 2026,
        monthCents: essi2022,
        intervalMonths: 12,
        paidThroughMonth: 12,
        remainingCents: 500,
      }),
    ).toEqual([{ firstMonth: 12, lastMonth: 12, dueDate: '2026-12-01', cents: 500 }]);
    expect(
      scheduleUnpaid({
        year: 2026,
        monthCents: essi2022,
        intervalMonths: 1,
        paidThroughMonth: 0,
        remainingCents: 0,
      }),
    ).toEqual([]);
  });
});

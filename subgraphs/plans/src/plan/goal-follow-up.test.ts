import { isOverdue, nextReviewDue } from './goal-follow-up';

describe('goal follow-up', () => {
  it('is due at the first date without a review', () => {
    expect(nextReviewDue(['2025-03-01', '2025-09-01'], [])).toBe('2025-03-01');
    expect(nextReviewDue([], [])).toBeNull();
  });

  it('counts a review up to 30 days early, and one review covers one date only', () => {
    expect(nextReviewDue(['2025-03-01', '2025-09-01'], ['2025-02-10'])).toBe('2025-09-01');
    expect(nextReviewDue(['2025-03-01', '2025-09-01'], ['2025-01-10'])).toBe('2025-03-01');
    expect(nextReviewDue(['2025-03-01', '2025-03-15'], ['2025-02-20'])).toBe('2025-03-15');
    expect(nextReviewDue(['2025-03-01', '2025-09-01'], ['2025-03-05', '2025-09-02'])).toBeNull();
  });

  it('a late review still covers its date', () => {
    expect(nextReviewDue(['2025-03-01', '2025-09-01'], ['2025-04-15'])).toBe('2025-09-01');
  });

  it('is overdue only after the due date', () => {
    expect(isOverdue('2025-03-01', '2025-03-02')).toBe(true);
    expect(isOverdue('2025-03-01', '2025-03-01')).toBe(false);
    expect(isOverdue(null, '2099-01-01')).toBe(false);
  });
});

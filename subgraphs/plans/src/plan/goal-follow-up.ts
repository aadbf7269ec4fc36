/**
 * Goal follow-up (tavoitteiden seuranta), pure. A goal has review dates set by the plan; a
 * review date counts as done when a review was recorded at most {@link EARLY_REVIEW_DAYS}
 * days before it (or any time after it) and after the previous review date, so one review
 * never covers two dates.
 */
export const EARLY_REVIEW_DAYS = 30;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first review date not yet covered by a review, or null when every date is covered. */
export function nextReviewDue(
  reviewDates: readonly string[],
  reviewedAt: readonly string[],
): string | null {
  const dates = [...new Set(reviewDates)].sort();
  const reviews = [...reviewedAt].sort();
  let previous: string | null = null;
  for (const due of dates) {
    const windowStart = addDays(due, -EARLY_REVIEW_DAYS);
    const covered = reviews.some((r) => r >= windowStart && (previous === null || r > previous));
    if (!covered) return due;
    previous = due;
  }
  return null;
}

/** A review is overdue when its date has passed without a review. */
export function isOverdue(nextDue: string | null, today: string): boolean {
  return nextDue !== null && nextDue < today;
}

// Building a DateTimeFormat costs far more than formatting with one (it showed in profiles).
const finnishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });

/** Today's date in Finland (Europe/Helsinki) as `YYYY-MM-DD`: the day a person sees. */
export function todayInFinland(now: Date = new Date()): string {
  return finnishDay.format(now);
}

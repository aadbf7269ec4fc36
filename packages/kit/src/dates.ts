// Building a DateTimeFormat costs far more than formatting with one (it showed in profiles).
const finnishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });

/** The date in Finland (Europe/Helsinki) of a moment, as `YYYY-MM-DD`. */
export function dayInFinland(moment: Date): string {
  return finnishDay.format(moment);
}

/** Today's date in Finland as `YYYY-MM-DD`: the day a person sees. */
export function todayInFinland(now: Date = new Date()): string {
  return dayInFinland(now);
}

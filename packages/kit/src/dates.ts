// Building a DateTimeFormat costs far more than formatting with one (it showed in profiles):
// one is built, on first use rather than when the kit loads (a tenth of a second or more of
// every service's start, loading the time zone data).
let finnishDay: Intl.DateTimeFormat | undefined;

/** The date in Finland (Europe/Helsinki) of a moment, as `YYYY-MM-DD`. */
export function dayInFinland(moment: Date): string {
  finnishDay ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });
  return finnishDay.format(moment);
}

/** Today's date in Finland as `YYYY-MM-DD`: the day a person sees. */
export function todayInFinland(now: Date = new Date()): string {
  return dayInFinland(now);
}

/** Today's date in Finland (Europe/Helsinki) as `YYYY-MM-DD`: the day a person sees. */
export function todayInFinland(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
}

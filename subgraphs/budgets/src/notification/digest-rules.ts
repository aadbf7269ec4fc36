/** At most one e-mail an hour (or a day, for a daily digest) unless something is urgent. */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export interface DigestState {
  /** When this person was last e-mailed; null if never. */
  readonly lastSentAt: Date | null;
  /** She asked for one e-mail a day instead of one an hour. */
  readonly daily: boolean;
  /** New inbox items since the last e-mail. */
  readonly pending: number;
  /** Whether any of them is urgent (an abnormal charge): those go at once. */
  readonly urgent: boolean;
}

/** Whether to e-mail now: digest, not spam. */
export function shouldSend(state: DigestState, now: Date): boolean {
  if (state.pending === 0) return false;
  if (state.urgent || state.lastSentAt === null) return true;
  const gap = state.daily ? DAY_MS : HOUR_MS;
  return now.getTime() - state.lastSentAt.getTime() >= gap;
}

/**
 * The e-mail says how many new messages there are and their titles, and where to read them;
 * never a client's name or the text itself (e-mail is not a safe channel for client data).
 */
export function digestMail(
  titles: readonly string[],
  urgent: boolean,
  inboxUrl: string,
): { subject: string; text: string } {
  const n = titles.length;
  const subject = urgent
    ? 'HB-keskus: kiireellinen viesti'
    : `HB-keskus: ${n} ${n === 1 ? 'uusi viesti' : 'uutta viestiä'}`;
  const text = [
    `Sinulle on HB-keskuksessa ${n} ${n === 1 ? 'uusi viesti' : 'uutta viestiä'}:`,
    '',
    ...titles.map((t) => `- ${t}`),
    '',
    `Lue ne: ${inboxUrl}`,
    '',
    'Voit muuttaa ilmoitusasetuksiasi saapuneiden sivulla.',
  ].join('\n');
  return { subject, text };
}

import { DAY_MS, HOUR_MS, digestMail, shouldSend, type DigestState } from './digest-rules';

const now = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('shouldSend', () => {
  it.each<[string, DigestState, boolean]>([
    ['nothing new', { lastSentAt: null, daily: false, pending: 0, urgent: false }, false],
    [
      'nothing new, even urgent',
      { lastSentAt: null, daily: false, pending: 0, urgent: true },
      false,
    ],
    ['first e-mail ever', { lastSentAt: null, daily: false, pending: 1, urgent: false }, true],
    [
      '10 minutes after the last',
      { lastSentAt: ago(10 * 60_000), daily: false, pending: 3, urgent: false },
      false,
    ],
    [
      '59 minutes after the last',
      { lastSentAt: ago(HOUR_MS - 60_000), daily: false, pending: 3, urgent: false },
      false,
    ],
    [
      'an hour after the last',
      { lastSentAt: ago(HOUR_MS), daily: false, pending: 3, urgent: false },
      true,
    ],
    [
      'urgent 1 minute after the last',
      { lastSentAt: ago(60_000), daily: false, pending: 1, urgent: true },
      true,
    ],
    [
      'daily digest, 2 hours after',
      { lastSentAt: ago(2 * HOUR_MS), daily: true, pending: 5, urgent: false },
      false,
    ],
    [
      'daily digest, a day after',
      { lastSentAt: ago(DAY_MS), daily: true, pending: 5, urgent: false },
      true,
    ],
    [
      'daily digest, urgent',
      { lastSentAt: ago(HOUR_MS), daily: true, pending: 1, urgent: true },
      true,
    ],
  ])('%s → %s', (_, state, expected) => {
    expect(shouldSend(state, now)).toBe(expected);
  });
});

describe('digestMail', () => {
  it('counts in Finnish, lists titles and links, and names no client', () => {
    expect(digestMail(['A'], false, 'http://x/inbox').subject).toBe('HB-keskus: 1 uusi viesti');
    const mail = digestMail(['Hälytys: A', 'Huoli: B'], false, 'http://x/inbox');
    expect(mail.subject).toBe('HB-keskus: 2 uutta viestiä');
    expect(mail.text).toContain('- Hälytys: A\n- Huoli: B');
    expect(mail.text).toContain('http://x/inbox');
    expect(digestMail(['A'], true, 'u').subject).toBe('HB-keskus: kiireellinen viesti');
  });
});

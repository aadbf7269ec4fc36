import { DEFAULT_PURPOSE, decodePurpose, encodePurpose } from './purpose';

/** How Node's HTTP parser hands over a header whose bytes were sent as raw UTF-8. */
const asReceived = (raw: string) => Buffer.from(raw, 'utf8').toString('latin1');

describe('declared purpose on the wire', () => {
  it.each([
    ['percent-encoded UTF-8', encodePurpose('säännöntarkistus'), 'säännöntarkistus'],
    ['raw UTF-8', asReceived('säännöntarkistus'), 'säännöntarkistus'],
    [
      'Latin-1 bytes',
      Buffer.from('säännöntarkistus', 'latin1').toString('latin1'),
      'säännöntarkistus',
    ],
    ['plain ASCII', 'budget follow-up', 'budget follow-up'],
    ['a lone percent sign', '50% check', '50% check'],
    ['Swedish and parentheses', encodePurpose('uppföljning (seuranta)'), 'uppföljning (seuranta)'],
    ['decomposed ä (NFD)', encodePurpose('sa\u0308a\u0308nto\u0308'), 'sääntö'],
    ['surrounding and repeated spaces', '  budjetin   seuranta ', 'budjetin seuranta'],
    ['nothing', undefined, DEFAULT_PURPOSE],
    ['only spaces', '   ', DEFAULT_PURPOSE],
    ['200 characters', encodePurpose('ä'.repeat(200)), 'ä'.repeat(200)],
  ])('accepts %s', (_, header, expected) => {
    expect(decodePurpose(header)).toBe(expected);
  });

  it.each([
    ['201 characters', encodePurpose('ä'.repeat(201))],
    ['a control character', encodePurpose('seuranta\u0000x')],
    ['an encoded newline', encodePurpose('seuranta\nFORGED ROW')],
    ['markup symbols', encodePurpose('<script>alert(1)</script>')],
    ['a right-to-left override', encodePurpose('seuranta\u202etxt.exe')],
    ['an encoded lone surrogate', '%ED%A0%80'],
  ])('refuses %s', (_, header) => {
    expect(decodePurpose(header)).toBeNull();
  });

  it('round-trips every printable purpose through encoding', () => {
    for (const purpose of [
      'säännöntarkistus',
      'Öljy & vesi: 100 % (ok?)',
      'café – résumé',
      '日本語',
    ]) {
      expect(decodePurpose(encodePurpose(purpose))).toBe(purpose);
      expect(encodePurpose(purpose)).toMatch(/^[\x21-\x7e]+$/);
    }
  });
});

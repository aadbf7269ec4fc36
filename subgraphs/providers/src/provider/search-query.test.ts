import { parseSearch, searchWords, wordPrefix } from './search-query';

describe('search query', () => {
  it.each([
    ['uinti', 'uinti'],
    ['uimassa', 'uima'],
    ['kuljetuksia', 'kuljetu'],
    ['päivätoimintaa', 'päivätoimi'],
    ['ab', 'ab'],
  ])('prefix of %j is %j', (word, prefix) => {
    expect(wordPrefix(word)).toBe(prefix);
  });

  it('keeps only letters and digits, lower case, bounded', () => {
    expect(searchWords("Uinti & !uimahalli' OR 1=1 -- :* Åbo").map((w) => w.word)).toEqual([
      'uinti',
      'uimahalli',
      'or',
      'åbo',
    ]);
    expect(searchWords('a b c')).toEqual([]);
    expect(
      searchWords('yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen'),
    ).toHaveLength(8);
    expect(searchWords('x'.repeat(100))[0]!.word).toHaveLength(40);
  });

  it.each([
    [{ text: 'x'.repeat(201) }, false],
    [{ text: 'x'.repeat(200) }, true],
    [{ serviceType: 'TRANSPORT' }, true],
    [{ serviceType: 'transport' }, false],
    [{ municipalityCode: '837' }, true],
    [{ municipalityCode: '8370' }, false],
    [{ language: 'SV' }, true],
    [{ language: 's' }, false],
    [{ language: 'fse' }, true],
    [{ language: 'fss' }, true],
    [{ language: 'fi-selko' }, true],
    [{ language: 'sign' }, false],
    [{ language: 'fi (SELKO)' }, false],
    [{ maxPrice: '40.5', priceUnit: 'HOUR' }, true],
    // €/h and €/km are never compared: a maximum price needs its unit
    [{ maxPrice: '40.5' }, false],
    [{ maxPrice: '-1', priceUnit: 'HOUR' }, false],
    [{ maxPrice: '1e3', priceUnit: 'HOUR' }, false],
    [{ priceUnit: 'MONTH' }, false],
    [{ accessibility: ['WHEELCHAIR_ACCESSIBLE', 'sign_language'] }, true],
    [{ accessibility: ['STAIRS'] }, false],
    [{ sort: 'NAME' }, true],
    [{ sort: 'PRICE', priceUnit: 'DAY' }, true],
    [{ sort: 'PRICE' }, false],
    [{ sort: 'CHEAPEST' }, false],
    [null, true],
  ])('%j ok: %s', (input, ok) => {
    expect(parseSearch(input).ok).toBe(ok);
  });

  it('parses prices into cents', () => {
    const parsed = parseSearch({ maxPrice: '40.5', priceUnit: 'HOUR', language: 'SV' });
    expect(parsed.ok && parsed.query).toMatchObject({
      maxPriceCents: 4050,
      priceUnit: 'HOUR',
      language: 'sv',
      includeUnapproved: false,
    });
  });

  it.each([
    ['esteetön', 'zzawheelchairaccessible'],
    ['kyytiä', 'zzstransport'],
    ['invataksikuljetus', 'zzstransport'],
    ['selkosuomi', 'zzaeasylanguage'],
    ['viitomakieli', 'zzlfse'],
    ['kuljteus', 'zzstransport'],
    ['nokialla', 'zzm536'],
    ['avlösning', 'zzsrespitecare'],
  ])('%j means %s', (text, token) => {
    expect(searchWords(text)[0]!.tokens).toContain(token);
  });

  it('drops words that narrow nothing unless they are all there is', () => {
    expect(searchWords('kuljetus ja palvelu').map((w) => w.word)).toEqual(['kuljetus']);
    expect(searchWords('palvelu').map((w) => w.word)).toEqual(['palvelu']);
  });
});

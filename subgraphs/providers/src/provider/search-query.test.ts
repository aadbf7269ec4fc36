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
    [{ maxPrice: '40.5' }, true],
    [{ maxPrice: '-1' }, false],
    [{ maxPrice: '1e3' }, false],
    [null, true],
  ])('%j ok: %s', (input, ok) => {
    expect(parseSearch(input).ok).toBe(ok);
  });

  it('parses prices into cents', () => {
    const parsed = parseSearch({ maxPrice: '40.5', language: 'SV' });
    expect(parsed.ok && parsed.query).toMatchObject({
      maxPriceCents: 4050,
      language: 'sv',
      includeUnapproved: false,
    });
  });
});

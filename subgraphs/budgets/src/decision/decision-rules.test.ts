import {
  DECISION_LIMITS,
  carriedOver,
  checkDetails,
  deciderTitle,
  decisionLanguage,
  endDateProblem,
} from './decision-rules';

describe('checkDetails', () => {
  const long = 'x'.repeat(DECISION_LIMITS.text + 1);
  it.each([
    ['no details', null, []],
    ['texts within the limit', { otherRestrictions: 'x'.repeat(DECISION_LIMITS.text) }, []],
    ['a long restriction', { otherRestrictions: long }, ['input.decision.otherRestrictions']],
    [
      'two long texts',
      { ordinaryPart: long, clientFees: long },
      ['input.decision.ordinaryPart', 'input.decision.clientFees'],
    ],
  ])('%s', (_name, details, fields) => {
    expect(checkDetails(details).map((e) => e.field)).toEqual(fields);
  });

  it('names the field under the given prefix', () => {
    expect(checkDetails({ clientFees: long }, 'input.details')).toEqual([
      {
        code: 'VALIDATION',
        message: `At most ${DECISION_LIMITS.text} characters.`,
        field: 'input.details.clientFees',
      },
    ]);
  });
});

describe('endDateProblem', () => {
  it.each([
    ['a past day of the year', '2026-03-31', null],
    ['today', '2026-06-15', null],
    ['not a date', '2026-02-30', 'endDate must be a date (YYYY-MM-DD).'],
    ['another year', '2025-12-31', 'endDate must be in 2026.'],
    ['a day to come', '2026-06-16', 'endDate cannot be in the future.'],
  ])('%s', (_name, endDate, problem) => {
    expect(endDateProblem(endDate, 2026, '2026-06-15')).toBe(problem);
  });
});

describe('deciderTitle', () => {
  it.each([
    ['ADVISER', 'fi', 'HB-neuvoja'],
    ['ADVISER', 'sv', 'HB-rådgivare'],
    ['WORKER', 'fi', 'Omatyöntekijä'],
    ['WORKER', 'sv', 'Egen arbetare'],
  ] as const)('%s in %s', (role, language, title) => {
    expect(deciderTitle(role, language)).toBe(title);
  });
});

describe('carriedOver', () => {
  it.each([
    ['a new text', 'new', 'old', 'new'],
    ['an empty text clears', '', 'old', ''],
    ['nothing given keeps', undefined, 'old', 'old'],
    ['null keeps', null, 'old', 'old'],
    ['nothing before', undefined, undefined, null],
  ])('%s', (_name, given, before, result) => {
    expect(carriedOver(given, before)).toBe(result);
  });
});

describe('decisionLanguage', () => {
  it.each([
    ['SV', 'fi', 'sv'],
    ['FI', 'sv', 'fi'],
    [null, 'sv', 'sv'],
    [undefined, undefined, 'fi'],
  ] as const)('chosen %s after %s is %s', (chosen, previous, language) => {
    expect(decisionLanguage(chosen, previous)).toBe(language);
  });
});

import { changeRequestProblem } from './change-request.rules';

describe('changeRequestProblem', () => {
  it.each([
    ['DRAFT', 'Haluan tiistait vapaaksi.', null],
    ['DRAFT', '  ', 'message'],
    ['DRAFT', '', 'message'],
    ['DRAFT', 'x'.repeat(2001), 'message'],
    ['DRAFT', 'x'.repeat(2000), null],
    ['ACCEPTED', 'Muutos', 'status'],
    ['SUPERSEDED', 'Muutos', 'status'],
  ])('%s with %j → %s', (status, message, expected) => {
    const problem = changeRequestProblem(status, message);
    if (expected === null) expect(problem).toBeNull();
    else if (expected === 'status') expect(problem).toMatchObject({ field: null });
    else expect(problem).toMatchObject({ field: expected });
  });
});

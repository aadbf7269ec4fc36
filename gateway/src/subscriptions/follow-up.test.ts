import { getOperationAST, parse, print } from 'graphql';
import {
  SEQUENCE_VARIABLE,
  batchFollowUp,
  splitBatchedResult,
  splitSubscription,
} from './follow-up';

function split(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  return splitSubscription(document, getOperationAST(document)!, variables);
}

describe('splitSubscription', () => {
  it('turns the root field into the follow-up query, keeping alias, selection and fragments', () => {
    const result = split(
      `subscription Live($c: ID, $since: String, $first: Int) {
        live: budgetChanged(clientId: $c, sinceSequence: $since) {
          sequence
          budget { remaining { amount } client { firstName } transactions(first: $first) { totalCount } }
          ...Tx
        }
      }
      fragment Tx on BudgetChange { transaction { provider { name } } }`,
      { c: 'client-1', since: '41', first: 5 },
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.args).toEqual({ clientId: 'client-1', sinceSequence: '41' });
    const printed = print(result.followUp);
    expect(printed).toContain(`query Live($first: Int, $${SEQUENCE_VARIABLE}: String!)`);
    expect(printed).toContain(`live: budgetChange(sequence: $${SEQUENCE_VARIABLE})`);
    expect(printed).toContain('fragment Tx on BudgetChange');
    expect(printed).not.toContain('$c');
  });

  it('keeps the field name as alias so the response shape stays the same', () => {
    const result = split(`subscription { budgetChanged(budgetId: "b1") { sequence } }`);
    if ('error' in result) throw new Error(result.error);
    expect(print(result.followUp)).toContain(
      `budgetChanged: budgetChange(sequence: $${SEQUENCE_VARIABLE})`,
    );
    expect(result.args).toEqual({ budgetId: 'b1' });
  });

  it.each([
    [
      `subscription { a: budgetChanged { sequence } b: budgetChanged { sequence } }`,
      /exactly one root field/,
    ],
    [`subscription { somethingElse { id } }`, /not served/],
  ])('refuses %s', (source, message) => {
    const result = split(source);
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('batchFollowUp', () => {
  const followUp = () => {
    const result = split(
      `subscription Live($first: Int) {
        live: budgetChanged(budgetId: "b1") { sequence budget { transactions(first: $first) { totalCount } } ...Tx }
      }
      fragment Tx on BudgetChange { transaction { id } }`,
    );
    if ('error' in result) throw new Error(result.error);
    return print(result.followUp);
  };

  it('asks for the root field once per event, each with its own sequence variable', () => {
    const batch = batchFollowUp(followUp(), 3);
    expect(batch.responseKey).toBe('live');
    expect(batch.query).toContain(
      'query Live($first: Int, $__hbSequence0: String!, $__hbSequence1: String!, $__hbSequence2: String!)',
    );
    for (const i of [0, 1, 2])
      expect(batch.query).toContain(`live__${i}: budgetChange(sequence: $__hbSequence${i})`);
    expect(batch.query).toContain('fragment Tx on BudgetChange');
    expect(batch.query).not.toContain(`$${SEQUENCE_VARIABLE}:`);
    expect(batch.sequenceVariable(2)).toBe('__hbSequence2');
  });

  it.each([
    [
      'a clean result',
      { data: { live__0: { n: 1 }, live__1: null } },
      [{ data: { live: { n: 1 } } }, { data: { live: null } }],
    ],
    ['any error', { data: { live__0: { n: 1 }, live__1: null }, errors: [{ message: 'x' }] }, null],
    ['a missing event', { data: { live__0: { n: 1 } } }, null],
    ['no data', { errors: [{ message: 'x' }] }, null],
    ['no result', null, null],
  ])('splits %s', (_name, result, expected) => {
    expect(splitBatchedResult(result as never, 'live', 2)).toEqual(expected);
  });
});

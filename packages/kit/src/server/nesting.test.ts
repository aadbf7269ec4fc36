import { parse } from 'graphql';
import { asksForSubscription, MAX_DOCUMENT_NESTING, nestingExceeds } from './hardening';

const nested = (n: number) => `{${'a{'.repeat(n)}b${'}'.repeat(n)}}`;

describe('nestingExceeds', () => {
  it.each([
    ['a normal query', '{ client(id: "x") { budgets { ledger { amount } } } }', false],
    ['nesting at the limit', nested(MAX_DOCUMENT_NESTING - 1), false],
    ['nesting over the limit', nested(MAX_DOCUMENT_NESTING), true],
    ['nested input values', `{ a(x: ${'['.repeat(100)}1${']'.repeat(100)}) }`, true],
    ['brackets in a string', `{ a(x: "${'{'.repeat(500)}") }`, false],
    ['brackets in a block string', `{ a(x: """${'{'.repeat(500)} \\""" {{{""") }`, false],
    ['brackets in a comment', `# ${'{'.repeat(500)}\n{ a }`, false],
    ['a string with escaped quotes', `{ a(x: "\\"${'{'.repeat(5)}") ${nested(100)} }`, true],
    ['closing brackets first', `${'}'.repeat(500)}${nested(100)}`, true],
    ['an unterminated string', `{ a(x: "${'{'.repeat(500)}\n) }`, false],
  ])('%s', (_, text, exceeds) => {
    expect(nestingExceeds(text)).toBe(exceeds);
  });

  it('refuses everything the parser would overflow the stack on', () => {
    const deep = nested(20_000);
    expect(() => parse(deep)).toThrow(/call stack/);
    expect(nestingExceeds(deep)).toBe(true);
  });
});

describe('asksForSubscription', () => {
  it.each([
    ['a query', '{ client(id: "x") { firstName } }', false],
    ['a field named subscription in a query', 'query { subscription { id } }', false],
    ['a subscription', 'subscription { budgetChanged(budgetId: "x") { id } }', true],
    ['a subscription among queries', 'query A { a } subscription B { b }', true],
    // graphql-js throws on this while validating instead of reporting it.
    ['a subscription with a wrongly typed @skip', 'subscription { a @skip(if: "x") }', true],
    ['the word in a string', '{ a(x: "subscription") }', false],
    ['not a document', 'subscription {', false],
  ])('%s', (_, text, asks) => {
    expect(asksForSubscription(text)).toBe(asks);
  });
});

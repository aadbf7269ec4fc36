import { parse } from 'graphql';
import { isGatewayCredential, selectsFederationFields } from './federation-guard';

describe('selectsFederationFields', () => {
  it.each([
    ['{ _service { sdl } }', true],
    ['query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', true],
    ['{ ... on Query { _service { sdl } } }', true],
    [
      'query { ...F } fragment F on Query { ...G } fragment G on Query { _entities(representations: []) { __typename } }',
      true,
    ],
    ['query { ...F } fragment F on Query { ...F }', false],
    ['{ municipalities { code } }', false],
    ['{ client(id: "x") { _service: id } }', false],
    ['{ a: municipalities { code } }', false],
  ])('%s → %s', (query, selects) => {
    expect(selectsFederationFields(parse(query))).toBe(selects);
  });
});

describe('isGatewayCredential', () => {
  const secret = 's'.repeat(40);
  it.each([
    [secret, secret, true],
    [`${secret}x`, secret, false],
    ['', secret, false],
    [undefined, secret, false],
    [secret, undefined, false],
  ])('%s against %s → %s', (header, credential, ok) => {
    expect(isGatewayCredential(header, credential)).toBe(ok);
  });
});

import crypto from 'node:crypto';
import { graphql } from 'graphql';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { providersFixture } from '../testing/providers-fixture';
import { DEMO_PROVIDERS, demoPaymentAccount } from '../seed/demo.seed';

/** The bank account through the real schema and database: validation, storage, who reads it. */
const f = providersFixture({ schema: true });

const P = DEMO.providerId;
const own = principal('PROVIDER', { providerId: P });

async function run(who: Principal | null, source: string, variableValues: Record<string, unknown>) {
  const contextValue = f.as(who);
  return graphql({ schema: f.schema, source, variableValues, contextValue });
}

const SET = `mutation($input: SetProviderPaymentAccountInput!) {
  setProviderPaymentAccount(input: $input) { provider { id iban bic } errors { code field message } }
}`;
const READ = `query($id: ID!) { provider(id: $id) { id name iban bic } }`;

const stored = async (providerId: string) =>
  (await f.database.dataSource.query(
    `SELECT iban, bic FROM providers.payment_account WHERE provider_id = $1`,
    [providerId],
  )) as Array<{ iban: string; bic: string | null }>;
const historyCount = async (providerId: string) =>
  Number(
    (
      (await f.database.dataSource.query(
        `SELECT count(*) AS n FROM providers.payment_account_history WHERE provider_id = $1`,
        [providerId],
      )) as [{ n: string }]
    )[0].n,
  );

describe('Provider bank account', () => {
  it('the demo provider has a seeded, valid Finnish account', async () => {
    const index = DEMO_PROVIDERS.findIndex((p) => p.id === P);
    expect(await stored(P)).toEqual([demoPaymentAccount(index)]);
  });

  it('the provider sets its IBAN (spaces and lower case accepted) and reads it back', async () => {
    const before = await historyCount(P);
    const result = await run(own, SET, {
      input: { providerId: P, iban: 'fi21 1234 5600 0007 85', bic: 'ndeafihh' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.setProviderPaymentAccount).toEqual({
      provider: { id: P, iban: 'FI2112345600000785', bic: 'NDEAFIHH' },
      errors: [],
    });
    expect(await stored(P)).toEqual([{ iban: 'FI2112345600000785', bic: 'NDEAFIHH' }]);
    expect(await historyCount(P)).toBe(before + 1);
  });

  it('a bad IBAN or BIC is a clear payload error and nothing is saved', async () => {
    const before = await stored(P);
    const count = await historyCount(P);
    const result = await run(own, SET, {
      input: { providerId: P, iban: 'FI21 1234 5600 0007 86', bic: 'NOPE' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.setProviderPaymentAccount).toEqual({
      provider: null,
      errors: [
        expect.objectContaining({ code: 'INVALID_BANK_ACCOUNT', field: 'input.iban' }),
        expect.objectContaining({ code: 'INVALID_BANK_ACCOUNT', field: 'input.bic' }),
      ],
    });
    expect(await stored(P)).toEqual(before);
    expect(await historyCount(P)).toBe(count);
  });

  it.each([
    ['another provider', principal('PROVIDER', { providerId: crypto.randomUUID() })],
    ['organiser staff', principal('ORGANISER', { municipalities: ['837'] })],
    ['an adviser', principal('ADVISER', { municipalities: ['837'] })],
    ['a client', principal('CLIENT', { clientId: DEMO.essiClientId })],
  ])('%s may not set it: FORBIDDEN, nothing changes', async (_who, who) => {
    const before = await stored(P);
    const result = await run(who, SET, { input: { providerId: P, iban: 'FI2112345600000785' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored(P)).toEqual(before);
  });

  it('without a token: UNAUTHENTICATED', async () => {
    const result = await run(null, SET, { input: { providerId: P, iban: 'FI2112345600000785' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['the provider itself', own, true],
    ['organiser staff of its area', principal('ORGANISER', { municipalities: ['837'] }), true],
    ['organiser staff elsewhere', principal('ORGANISER', { municipalities: ['091'] }), false],
    ['another provider', principal('PROVIDER', { providerId: crypto.randomUUID() }), false],
    ['an adviser', principal('ADVISER', { municipalities: ['837'] }), false],
    ['an own worker', principal('WORKER', { municipalities: ['837'] }), false],
    ['a client', principal('CLIENT', { clientId: DEMO.essiClientId }), false],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
      false,
    ],
    ['an anonymous caller', null, false],
  ])('%s reads the IBAN: %s', async (_who, who, allowed) => {
    const result = await run(who, READ, { id: P });
    expect(result.errors).toBeUndefined();
    const provider = result.data?.provider as { iban: string | null; bic: string | null };
    expect(provider.iban !== null).toBe(allowed);
    expect(provider.bic !== null).toBe(allowed);
  });
});

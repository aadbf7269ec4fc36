import crypto from 'node:crypto';
import { execute, parse } from 'graphql';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { providersFixture } from '../testing/providers-fixture';
import { withCheckDigit } from '../provider/business-id';
import type { ProviderEntity } from '../provider/provider.entity';

const f = providersFixture({ schema: true });

const organiser = principal('ORGANISER', { sub: DEMO.organiserId, municipalities: ['837'] });
const organiserElsewhere = principal('ORGANISER', {
  sub: crypto.randomUUID(),
  municipalities: ['604'],
});
const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const client = principal('CLIENT', { clientId: DEMO.essiClientId });
const municipalSystem = principal('MUNICIPAL_SYSTEM', { municipalities: ['837'] });
const providerAs = (p: { id: string }) => principal('PROVIDER', { providerId: p.id });

const { as } = f;

function run(query: string, variables: Record<string, unknown>, who: Principal | null) {
  return execute({
    schema: f.schema,
    document: parse(query),
    variableValues: variables,
    contextValue: as(who),
  });
}

function newBusinessId(): string {
  for (;;) {
    const digits = String(crypto.randomInt(1_000_000, 9_999_999));
    try {
      return withCheckDigit(digits);
    } catch {
      // remainder 1: try another
    }
  }
}

/** An approved provider serving Tampere and Nokia, with one day-activity offering. */
async function approvedProvider(): Promise<ProviderEntity> {
  const applied = await as(null).providers.apply({
    name: `Esittely ${crypto.randomBytes(4).toString('hex')}`,
    businessId: newBusinessId(),
    kind: 'COMPANY',
    description: 'Päivätoimintaa aikuisille.',
    phone: '040 111 2222',
    municipalitiesServed: ['837', '536'],
    languages: ['fi'],
    accessibility: [],
    offerings: [{ serviceType: 'DAY_ACTIVITIES', title: 'Ryhmä', price: '20', priceUnit: 'HOUR' }],
  });
  expect(applied.errors).toEqual([]);
  const decided = await as(organiser).providers.decide(applied.provider!.id, 'APPROVED', null);
  expect(decided.errors).toEqual([]);
  return decided.provider!;
}

const row = async (id: string) =>
  (
    (await f.database.dataSource.query(
      `SELECT description, phone, email, website, address, languages, accessibility,
              takes_new_clients, search_text, updated_at
         FROM providers.provider WHERE id = $1`,
      [id],
    )) as Record<string, unknown>[]
  )[0];
const versionCount = async (id: string) =>
  (
    (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM providers.listing_version WHERE provider_id = $1`,
      [id],
    )) as [{ n: number }]
  )[0].n;

describe('updateProviderListing', () => {
  it('saves the listing, records who changed what, and the catalogue finds the change at once', async () => {
    const p = await approvedProvider();
    const own = as(providerAs(p));
    const word = `kanteleensoitto${crypto.randomBytes(3).toString('hex')}`;
    // Warm the catalogue's answer cache: the change must not wait for it to expire.
    expect(
      (await as(null).catalogue.search({ search: { language: 'fss' } })).edges.map(
        (e) => e.node.id,
      ),
    ).not.toContain(p.id);

    const result = await own.listings.updateListing(p.id, {
      description: `Mukana myös ${word}.`,
      languages: ['fi', 'fss', 'SV'],
      accessibility: ['WHEELCHAIR_ACCESSIBLE', 'HEARING_LOOP'],
      email: 'info@esittely.fi',
      website: 'https://esittely.fi',
      address: 'Hämeenkatu 1, 33100 Tampere',
      takesNewClients: false,
    });
    expect(result.errors).toEqual([]);
    expect(result.provider).toMatchObject({
      languages: ['fi', 'fss', 'sv'],
      accessibility: ['WHEELCHAIR_ACCESSIBLE', 'HEARING_LOOP'],
      address: 'Hämeenkatu 1, 33100 Tampere',
      takesNewClients: false,
      phone: '040 111 2222',
    });

    const byLanguage = await as(null).catalogue.search({ search: { language: 'fss' } });
    expect(byLanguage.edges.map((e) => e.node.id)).toContain(p.id);
    const byWord = await as(null).catalogue.search({ search: { text: word } });
    expect(byWord.edges[0]?.node.id).toBe(p.id);
    const byAccess = await as(null).catalogue.search({
      search: { accessibility: ['HEARING_LOOP'], takesNewClients: false },
    });
    expect(byAccess.edges.map((e) => e.node.id)).toContain(p.id);

    const history = await as(providerAs(p)).listings.listingHistory(p);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorRole: 'PROVIDER' });
    expect(history[0]!.at).toBeInstanceOf(Date);
    const fields = Object.fromEntries(history[0]!.changes.map((c) => [c.field, c]));
    expect(Object.keys(fields).sort()).toEqual(
      [
        'accessibility',
        'address',
        'description',
        'email',
        'languages',
        'takesNewClients',
        'website',
      ].sort(),
    );
    expect(fields.languages).toEqual({ field: 'languages', before: 'fi', after: 'fi, fss, sv' });
    expect(fields.takesNewClients).toEqual({
      field: 'takesNewClients',
      before: 'true',
      after: 'false',
    });

    // A second change is a second version; clearing the phone is a change too.
    const second = await own.listings.updateListing(p.id, { phone: null });
    expect(second.errors).toEqual([]);
    const both = await as(organiser).listings.listingHistory(p);
    expect(both.map((v) => v.changes)).toEqual([
      history[0]!.changes,
      [{ field: 'phone', before: '040 111 2222', after: null }],
    ]);
    // Sending the same values again changes nothing and records nothing.
    await own.listings.updateListing(p.id, { languages: ['fi', 'fss', 'sv'] });
    expect(await versionCount(p.id)).toBe(2);
  });

  it.each([
    ['input.description', { description: 'x'.repeat(5001) }],
    ['input.phone', { phone: 'soita minulle' }],
    ['input.phone', { phone: '12' }],
    ['input.email', { email: 'info@' }],
    ['input.email', { email: `${'a'.repeat(200)}@example.fi` }],
    ['input.website', { website: 'javascript:alert(1)' }],
    ['input.website', { website: 'esittely.fi' }],
    ['input.address', { address: 'a'.repeat(301) }],
    ['input.languages', { languages: [] }],
    ['input.languages', { languages: ['fi', 'klingon'] }],
    ['input.languages', { languages: ['swe'] }],
    ['input.accessibility', { accessibility: ['RAMP'] }],
    ['input.description', { description: 'ok\u0007' }],
  ])('refuses a bad %s and saves nothing, not even the valid fields', async (field, bad) => {
    const p = await approvedProvider();
    const before = await row(p.id);
    const result = await as(providerAs(p)).listings.updateListing(p.id, {
      description: 'Tämä kelvollinen muutos ei saa tallentua.',
      languages: ['fi', 'sv'],
      ...bad,
    });
    expect(result.provider).toBeNull();
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([['VALIDATION', field]]);
    expect(result.errors[0]!.message.length).toBeGreaterThan(10);
    expect(await row(p.id)).toEqual(before);
    expect(await versionCount(p.id)).toBe(0);
  });

  it('keeps versions append-only in the database', async () => {
    const p = await approvedProvider();
    await as(providerAs(p)).listings.updateListing(p.id, { description: 'Uusi kuvaus.' });
    await expect(
      f.database.dataSource.query(`DELETE FROM providers.listing_version WHERE provider_id = $1`, [
        p.id,
      ]),
    ).rejects.toThrow(/append-only/);
  });
});

describe('updateProviderListing and listingHistory refusals', () => {
  const mutation = `mutation($id: ID!, $input: ProviderListingInput!) {
    updateProviderListing(providerId: $id, input: $input) { provider { id } errors { code field } } }`;
  const historyQuery = `query($id: ID!) { provider(id: $id) { id listingHistory { id changes { field } } } }`;

  it.each([
    [
      'another provider',
      () => principal('PROVIDER', { providerId: crypto.randomUUID() }),
      'NOT_FOUND',
    ],
    ['a client', () => client, 'FORBIDDEN'],
    ['an adviser', () => adviser, 'FORBIDDEN'],
    ['organiser staff', () => organiser, 'FORBIDDEN'],
    ['organiser staff of another area', () => organiserElsewhere, 'FORBIDDEN'],
    ['a municipal system', () => municipalSystem, 'FORBIDDEN'],
    ['an anonymous caller', () => null, 'UNAUTHENTICATED'],
  ])('refuses the change to %s and changes nothing', async (_who, who, code) => {
    const p = await approvedProvider();
    const before = await row(p.id);
    const result = await run(
      mutation,
      { id: p.id, input: { description: 'Kaapattu', languages: ['en'] } },
      who(),
    );
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(await row(p.id)).toEqual(before);
    expect(await versionCount(p.id)).toBe(0);
  });

  it.each([
    ['another provider', () => principal('PROVIDER', { providerId: crypto.randomUUID() })],
    ['a client', () => client],
    ['an adviser', () => adviser],
    ['organiser staff of another area', () => organiserElsewhere],
    ['a municipal system', () => municipalSystem],
    ['an anonymous caller', () => null],
  ])('hides the listing history from %s, also through _entities', async (_who, who) => {
    const p = await approvedProvider();
    await as(providerAs(p)).listings.updateListing(p.id, { description: 'Salainen muutos.' });
    const direct = await run(historyQuery, { id: p.id }, who());
    expect(direct.errors?.map((e) => e.extensions?.code)).toEqual([
      who() ? 'FORBIDDEN' : 'UNAUTHENTICATED',
    ]);
    expect(JSON.stringify(direct)).not.toContain('description');
    const entities = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { id listingHistory { id } } } }`,
      { r: [{ __typename: 'Provider', id: p.id }] },
      who(),
    );
    expect(entities.errors?.map((e) => e.extensions?.code)).toEqual([
      who() ? 'FORBIDDEN' : 'UNAUTHENTICATED',
    ]);
  });

  it('shows the listing history to the provider itself and organiser staff of its area', async () => {
    const p = await approvedProvider();
    await as(providerAs(p)).listings.updateListing(p.id, { languages: ['fi', 'en'] });
    for (const who of [providerAs(p), organiser]) {
      const result = await run(historyQuery, { id: p.id }, who);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        provider: {
          id: p.id,
          listingHistory: [{ id: expect.any(String), changes: [{ field: 'languages' }] }],
        },
      });
    }
  });
});

describe('a new service type waits for the organiser', () => {
  it('keeps the offering out of the catalogue until organiser staff of the area approve it, with the approval history', async () => {
    const p = await approvedProvider();
    const own = as(providerAs(p));
    const word = `zorbaus${crypto.randomBytes(4).toString('hex')}`;
    // A known service type with a new price shows at once.
    const same = await own.listings.upsertOffering(p.id, {
      serviceType: 'DAY_ACTIVITIES',
      title: 'Iltaryhmä',
      price: '22',
      priceUnit: 'HOUR',
    });
    expect(same.offering).toMatchObject({ active: true, awaitingApproval: false });

    const added = await own.listings.upsertOffering(p.id, {
      serviceType: 'TRANSPORT',
      title: `Kyyti ${word}`,
      price: '1.20',
      priceUnit: 'KILOMETRE',
    });
    expect(added.errors).toEqual([]);
    expect(added.offering).toMatchObject({ active: false, awaitingApproval: true });
    const search = () => as(null).catalogue.search({ search: { text: word } });
    expect((await search()).totalCount).toBe(0);
    const byType = await as(null).catalogue.search({ search: { serviceType: 'TRANSPORT' } });
    expect(byType.edges.map((e) => e.node.id)).not.toContain(p.id);
    expect((await as(null).providers.offerings(p)).map((o) => o.serviceType)).toEqual([
      'DAY_ACTIVITIES',
      'DAY_ACTIVITIES',
    ]);
    expect((await own.listings.offeringsAwaitingApproval(p)).map((o) => o.id)).toEqual([
      added.offering!.id,
    ]);
    // Saving it again as active does not slip it past the organiser.
    const again = await own.listings.upsertOffering(p.id, {
      id: added.offering!.id,
      serviceType: 'TRANSPORT',
      title: `Kyyti ${word}`,
      price: '1.10',
      priceUnit: 'KILOMETRE',
      active: true,
    });
    expect(again.offering).toMatchObject({ active: false, awaitingApproval: true });

    // It is in the approval queue of the organiser of its area, not of another.
    const queue = async (who: Principal) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await as(who).providers.approvalQueue({ first: 100, after });
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return ids;
        after = page.pageInfo.endCursor;
      }
    };
    expect(await queue(organiser)).toContain(p.id);
    expect(await queue(organiserElsewhere)).not.toContain(p.id);
    await expect(
      as(organiserElsewhere).providers.decide(p.id, 'APPROVED', null),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((await search()).totalCount).toBe(0);

    const decided = await as(organiser).providers.decide(p.id, 'APPROVED', null);
    expect(decided.errors).toEqual([]);
    expect(decided.provider).toMatchObject({ approvalStatus: 'APPROVED' });
    expect((await search()).edges.map((e) => e.node.id)).toEqual([p.id]);
    expect(await queue(organiser)).not.toContain(p.id);
    const history = await as(providerAs(p)).providers.approvalHistory(p);
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'APPROVED',
      toStatus: 'APPROVED',
      actorRole: 'ORGANISER',
      reason: 'Uusi palvelutyyppi hyväksytty: TRANSPORT',
    });
    // Once approved for transport, another transport offering shows at once.
    const more = await own.listings.upsertOffering(p.id, {
      serviceType: 'TRANSPORT',
      title: 'Toinen kyyti',
      price: '1.50',
      priceUnit: 'KILOMETRE',
    });
    expect(more.offering).toMatchObject({ active: true, awaitingApproval: false });
  });

  it('keeps a rejected service type out of the catalogue, with the reason in the history', async () => {
    const p = await approvedProvider();
    const word = `qwyrk${crypto.randomBytes(4).toString('hex')}`;
    const added = await as(providerAs(p)).listings.upsertOffering(p.id, {
      serviceType: 'RESPITE_CARE',
      title: `Lomitus ${word}`,
      price: '150',
      priceUnit: 'DAY',
    });
    expect(added.offering).toMatchObject({ awaitingApproval: true });
    const noReason = await as(organiser).providers.decide(p.id, 'REJECTED', null);
    expect(noReason.errors.map((e) => e.code)).toEqual(['REASON_REQUIRED']);
    const rejected = await as(organiser).providers.decide(p.id, 'REJECTED', 'Ei lomitusluvaa.');
    expect(rejected.errors).toEqual([]);
    expect(rejected.provider).toMatchObject({ approvalStatus: 'APPROVED' });
    expect((await as(null).catalogue.search({ search: { text: word } })).totalCount).toBe(0);
    expect(await as(providerAs(p)).listings.offeringsAwaitingApproval(p)).toEqual([]);
    expect((await as(organiser).providers.approvalHistory(p)).at(-1)).toMatchObject({
      reason: 'Uusi palvelutyyppi hylätty: RESPITE_CARE. Ei lomitusluvaa.',
    });
  });

  it('hides offerings awaiting approval from everyone but the provider and organiser staff of its area', async () => {
    const p = await approvedProvider();
    await as(providerAs(p)).listings.upsertOffering(p.id, {
      serviceType: 'TRANSPORT',
      title: 'Kyyti',
      price: '1',
      priceUnit: 'KILOMETRE',
    });
    for (const who of [client, adviser, organiserElsewhere, municipalSystem, null]) {
      const result = await run(
        `query($id: ID!) { provider(id: $id) { id offeringsAwaitingApproval { id } } }`,
        { id: p.id },
        who,
      );
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([
        who ? 'FORBIDDEN' : 'UNAUTHENTICATED',
      ]);
    }
    const seen = await run(
      `query($id: ID!) { provider(id: $id) { offeringsAwaitingApproval { title awaitingApproval } } }`,
      { id: p.id },
      organiser,
    );
    expect(seen.data).toEqual({
      provider: { offeringsAwaitingApproval: [{ title: 'Kyyti', awaitingApproval: true }] },
    });
  });
});

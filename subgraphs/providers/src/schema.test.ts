import crypto from 'node:crypto';
import { execute, parse } from 'graphql';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { providersFixture } from './testing/providers-fixture';
import { businessIdCheckDigit } from './provider/business-id';

/** A valid business id no other test uses. */
function freshId(): string {
  for (;;) {
    const digits = String(crypto.randomInt(1_000_000, 9_999_999));
    const check = businessIdCheckDigit(digits);
    if (check !== null) return `${digits}-${check}`;
  }
}

const f = providersFixture({ schema: true });

async function run(
  query: string,
  variables: Record<string, unknown> = {},
  who: Principal | null = null,
) {
  const contextValue = f.as(who);
  return execute({
    schema: f.schema,
    document: parse(query),
    variableValues: variables,
    contextValue,
  });
}

describe('providers schema', () => {
  it('serves the public catalogue through GraphQL without a token', async () => {
    const result = await run(
      `query($s: ProviderSearchInput) { providers(search: $s, first: 5) {
         totalCount pageInfo { hasNextPage endCursor }
         edges { cursor node { id name kind approvalStatus choosableWithBudget languages
           municipalitiesServed { code }
           offerings { id title price { amount currency } priceUnit suitableClassLevels serviceType { code } provider { id } } } } } }`,
      { s: { text: 'uimassa' } },
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      providers: {
        edges: Array<{
          node: { name: string; offerings: Array<{ title: string; price: { amount: string } }> };
        }>;
      };
    };
    const vesipeto = data.providers.edges.find((e) => e.node.name === 'Liikuntaseura Vesipeto ry')!;
    expect(
      vesipeto.node.offerings.find((o) => o.title === 'Uintiohjaus uimahallissa'),
    ).toMatchObject({
      price: { amount: '38.00', currency: 'EUR' },
      priceUnit: 'HOUR',
      serviceType: { code: 'DAY_ACTIVITIES' },
    });
  });

  it('answers provider(id) with kind and approval status, and hides approval history from the public', async () => {
    const result = await run(
      `{ provider(id: "${DEMO.providerId}") { name kind approvalStatus choosableWithBudget } }`,
    );
    expect(result.data).toEqual({
      provider: {
        name: 'Ohjauspalvelu Kipinä Oy',
        kind: 'COMPANY',
        approvalStatus: 'APPROVED',
        choosableWithBudget: true,
      },
    });
    const history = await run(
      `{ provider(id: "${DEMO.providerId}") { approvalHistory { toStatus } } }`,
    );
    expect(history.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const own = await run(
      `{ provider(id: "${DEMO.providerId}") { approvalHistory { fromStatus toStatus actorRole } } }`,
      {},
      principal('PROVIDER', { providerId: DEMO.providerId }),
    );
    expect(own.data).toEqual({
      provider: {
        approvalHistory: [
          { fromStatus: null, toStatus: 'PENDING', actorRole: 'ANONYMOUS' },
          { fromStatus: 'PENDING', toStatus: 'APPROVED', actorRole: 'ORGANISER' },
        ],
      },
    });
  });

  it('resolves entity references and contributes ServiceType.offerings and Municipality.providers', async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Provider { name }
         ... on ServiceType { code offerings { title provider { approvalStatus } } }
         ... on Municipality { code providers { name approvalStatus } } } }`,
      {
        r: [
          { __typename: 'Provider', id: DEMO.providerId },
          { __typename: 'ServiceType', code: 'TRANSPORT' },
          { __typename: 'Municipality', code: '790' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [provider, serviceType, municipality] = (
      result.data as { _entities: Array<Record<string, unknown>> }
    )._entities;
    expect(provider).toEqual({ name: 'Ohjauspalvelu Kipinä Oy' });
    const offerings = serviceType!.offerings as Array<{ provider: { approvalStatus: string } }>;
    expect(offerings.length).toBeGreaterThan(0);
    expect(offerings.every((o) => o.provider.approvalStatus === 'APPROVED')).toBe(true);
    const providers = municipality!.providers as Array<{ name: string; approvalStatus: string }>;
    expect(providers.map((p) => p.name)).toContain('Sastamalan Kyyditys Oy');
    expect(providers.every((p) => p.approvalStatus === 'APPROVED')).toBe(true);
  });

  it('applies, decides and reports payload errors through mutations', async () => {
    const bad = await run(
      `mutation { applyAsProvider(input: { name: "X", businessId: "1234567-2", kind: COMPANY,
         municipalitiesServed: ["837"], languages: ["fi"] }) { provider { id } errors { code field message } } }`,
    );
    expect(bad.data).toMatchObject({
      applyAsProvider: {
        provider: null,
        errors: [{ code: 'VALIDATION', field: 'input.businessId' }],
      },
    });
    const ok = await run(
      `mutation { applyAsProvider(input: { name: "Graafi Oy", businessId: "1234567-1", kind: COMPANY,
         municipalitiesServed: ["837"], languages: ["fi"],
         offerings: [{ serviceType: "TRANSPORT", title: "Kyyti", price: "2.00", priceUnit: KILOMETRE }] })
         { provider { id approvalStatus } errors { code } } }`,
    );
    const id = (
      ok.data as { applyAsProvider: { provider: { id: string; approvalStatus: string } } }
    ).applyAsProvider.provider.id;
    const forbidden = await run(
      `mutation { decideProviderApplication(providerId: "${id}", decision: APPROVED) { errors { code } } }`,
      {},
      principal('ADVISER'),
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Organiser staff decide only providers of their area (it serves Tampere).
    const elsewhere = await run(
      `mutation { decideProviderApplication(providerId: "${id}", decision: APPROVED) { provider { approvalStatus } errors { code } } }`,
      {},
      principal('ORGANISER', { municipalities: ['536'] }),
    );
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const approved = await run(
      `mutation { decideProviderApplication(providerId: "${id}", decision: APPROVED) { provider { approvalStatus } errors { code } } }`,
      {},
      principal('ORGANISER', { municipalities: ['837'] }),
    );
    expect(approved.data).toEqual({
      decideProviderApplication: { provider: { approvalStatus: 'APPROVED' }, errors: [] },
    });
    const offering = await run(
      `mutation { upsertOffering(providerId: "${id}", input: { serviceType: "TRANSPORT", title: "Pitkä kyyti", price: "-1", priceUnit: KILOMETRE }) { offering { id } errors { field } } }`,
      {},
      principal('PROVIDER', { providerId: id }),
    );
    expect(offering.data).toEqual({
      upsertOffering: { offering: null, errors: [{ field: 'input.price' }] },
    });
  });

  it('answers _entities for a non-approved provider with who it is, and its details only to those who may see it', async () => {
    const applied = await run(
      `mutation { applyAsProvider(input: { name: "Viitattu Oy", businessId: "${freshId()}", kind: COMPANY,
         description: "Salainen kuvaus", email: "salainen@example.fi",
         municipalitiesServed: ["837"], languages: ["fi"] }) { provider { id businessId description } errors { code } } }`,
    );
    // The applicant reads back what she has just sent.
    const sent = (
      applied.data as { applyAsProvider: { provider: { id: string; description: string } } }
    ).applyAsProvider.provider;
    expect(sent.description).toBe('Salainen kuvaus');
    const entities = (who: Principal | null, selection: string) =>
      run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { ${selection} } } }`,
        { r: [{ __typename: 'Provider', id: sent.id }] },
        who,
      );
    const client = principal('CLIENT', { clientId: crypto.randomUUID() });
    const who = await entities(client, 'id name kind approvalStatus choosableWithBudget');
    expect(who.errors).toBeUndefined();
    expect(who.data).toEqual({
      _entities: [
        {
          id: sent.id,
          name: 'Viitattu Oy',
          kind: 'COMPANY',
          approvalStatus: 'PENDING',
          choosableWithBudget: true,
        },
      ],
    });
    for (const field of [
      'businessId',
      'description',
      'email',
      'phone',
      'website',
      'languages',
      'accessibility',
      'municipalitiesServed { code }',
      'offerings { id }',
    ]) {
      const refused = await entities(client, `id ${field}`);
      expect({ field, codes: refused.errors?.map((e) => e.extensions?.code) }).toEqual({
        field,
        codes: ['FORBIDDEN'],
      });
      expect(JSON.stringify(refused)).not.toMatch(/Salainen|salainen/);
    }
    const staff = await entities(principal('ADVISER', { municipalities: ['837'] }), 'description');
    expect(staff.data).toEqual({ _entities: [{ description: 'Salainen kuvaus' }] });
    expect((await entities(null, 'name')).data).toEqual({ _entities: [null] });
  });
});

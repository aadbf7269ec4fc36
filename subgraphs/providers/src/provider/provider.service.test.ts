import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { DEMO_PROVIDERS } from '../seed/demo.seed';
import type { ProvidersContext } from '../shared/context.types';
import { providersFixture } from '../testing/providers-fixture';
import { withCheckDigit } from './business-id';
import type { ApplicationInput } from './provider-services.shared';
import type { ProviderEntity } from './provider.entity';

const f = providersFixture();
const { as } = f;

const organiser = principal('ORGANISER', { sub: DEMO.organiserId, municipalities: ['837'] });
const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const client = principal('CLIENT', { clientId: DEMO.essiClientId });

let seq = 0;
/** A fresh, valid business id that no other test uses. */
function newBusinessId(): string {
  for (;;) {
    const digits = String(5_000_000 + crypto.randomInt(0, 4_000_000) + seq++).padStart(7, '0');
    try {
      return withCheckDigit(digits);
    } catch {
      // remainder 1: try another
    }
  }
}

const unique = () => `Testi ${crypto.randomBytes(4).toString('hex')}`;

function application(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    name: unique(),
    businessId: newBusinessId(),
    kind: 'COMPANY',
    description: 'Henkilökohtaista ohjausta.',
    email: 'info@example.fi',
    phone: '+358 40 555 1234',
    website: 'https://example.fi',
    municipalitiesServed: ['837', '536'],
    languages: ['fi', 'sv'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE'],
    offerings: [
      {
        serviceType: 'DAY_ACTIVITIES',
        title: 'Ohjattu ryhmä',
        description: 'Ryhmätoimintaa',
        price: '25.50',
        priceUnit: 'HOUR',
        suitableClassLevels: [2, 1],
      },
    ],
    ...overrides,
  };
}

async function applyOk(overrides: Partial<ApplicationInput> = {}, who: Principal | null = null) {
  const result = await as(who).providers.apply(application(overrides));
  expect(result.errors).toEqual([]);
  return result.provider!;
}

const countByName = async (name: string) =>
  (
    (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM providers.provider WHERE name = $1`,
      [name],
    )) as [{ n: number }]
  )[0].n;

const providerAs = (p: ProviderEntity) => principal('PROVIDER', { providerId: p.id });

describe('applyAsProvider', () => {
  it('registers a PENDING provider with its offerings and the first history step, even anonymously', async () => {
    const provider = await applyOk({}, null);
    expect(provider).toMatchObject({
      approvalStatus: 'PENDING',
      kind: 'COMPANY',
      municipalities: ['837', '536'],
    });
    const ctx = as(organiser);
    const offerings = await ctx.providers.offerings(provider);
    expect(offerings).toHaveLength(1);
    expect(offerings[0]).toMatchObject({
      priceCents: 2550,
      priceUnit: 'HOUR',
      classLevels: [1, 2],
    });
    expect(ctx.providers.price(offerings[0]!)).toMatchObject({ amount: '25.50', currency: 'EUR' });
    const history = await ctx.providers.approvalHistory(provider);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      [null, 'PENDING', 'ANONYMOUS'],
    ]);
  });

  it.each([
    [{ businessId: '0112038-8' }, 'input.businessId'],
    [{ businessId: '1234567' }, 'input.businessId'],
    [{ name: '  ' }, 'input.name'],
    [{ municipalitiesServed: ['83'] }, 'input.municipalitiesServed'],
    [{ municipalitiesServed: ['091'] }, 'input.municipalitiesServed'],
    [{ municipalitiesServed: [] }, 'input.municipalitiesServed'],
    [{ languages: ['suomi'] }, 'input.languages'],
    [{ languages: [] }, 'input.languages'],
    [{ accessibility: ['RAMP?'] }, 'input.accessibility'],
    [{ email: 'not-an-email' }, 'input.email'],
    [{ website: 'javascript:alert(1)' }, 'input.website'],
    [{ kind: 'ORGANISER_OWN' as const }, 'input.kind'],
    [
      { offerings: [{ serviceType: 'SPA_DAY', title: 'X', price: '10', priceUnit: 'HOUR' }] },
      'input.offerings.0.serviceType',
    ],
    [
      {
        offerings: [
          { serviceType: 'TRANSPORT', title: 'X', price: '-2.00', priceUnit: 'KILOMETRE' },
        ],
      },
      'input.offerings.0.price',
    ],
    [
      {
        offerings: [
          { serviceType: 'TRANSPORT', title: 'X', price: '0.00', priceUnit: 'KILOMETRE' },
        ],
      },
      'input.offerings.0.price',
    ],
    [
      {
        offerings: [
          { serviceType: 'TRANSPORT', title: 'X', price: '1.005', priceUnit: 'KILOMETRE' },
        ],
      },
      'input.offerings.0.price',
    ],
    [
      {
        offerings: [
          {
            serviceType: 'TRANSPORT',
            title: 'X',
            price: '1',
            priceUnit: 'KILOMETRE',
            suitableClassLevels: [9],
          },
        ],
      },
      'input.offerings.0.suitableClassLevels',
    ],
  ])('refuses %j naming %s and writes nothing', async (override, field) => {
    const name = unique();
    const result = await as(null).providers.apply(
      application({ name, ...(override as Partial<ApplicationInput>) }),
    );
    expect(result.provider).toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual([field]);
    expect(await countByName(name)).toBe(0);
  });

  it('refuses a business id that has already applied', async () => {
    const first = await applyOk();
    const name = unique();
    const again = await as(null).providers.apply(
      application({ name, businessId: first.businessId }),
    );
    expect(again.errors.map((e) => e.field)).toEqual(['input.businessId']);
    expect(await countByName(name)).toBe(0);
  });

  it('lets organiser staff register their own production only in their own area', async () => {
    const before = await countByName('Kunnan oma yksikkö');
    const elsewhere = await as(organiser).providers.apply(
      application({
        name: 'Kunnan oma yksikkö',
        kind: 'ORGANISER_OWN',
        municipalitiesServed: ['536'],
      }),
    );
    expect(elsewhere.errors.map((e) => e.field)).toEqual(['input.municipalitiesServed']);
    expect(elsewhere.provider).toBeNull();
    expect(await countByName('Kunnan oma yksikkö')).toBe(before);
    const own = await applyOk(
      { name: 'Kunnan oma yksikkö', kind: 'ORGANISER_OWN', municipalitiesServed: ['536', '837'] },
      organiser,
    );
    expect(own.kind).toBe('ORGANISER_OWN');
  });

  it("lets organiser staff register the organiser's own production, never choosable with a budget", async () => {
    const own = await applyOk({ kind: 'ORGANISER_OWN' }, organiser);
    expect(as(null).providers.choosableWithBudget(own)).toBe(false);
    const company = await applyOk();
    expect(as(null).providers.choosableWithBudget(company)).toBe(true);
  });
});

describe('approval workflow', () => {
  it('walks every allowed step and keeps who, when and why', async () => {
    const p = await applyOk();
    const own = as(providerAs(p));
    const decide = (
      decision: Parameters<ProvidersContext['providers']['decide']>[1],
      reason?: string,
    ) => as(organiser).providers.decide(p.id, decision, reason);

    expect(
      (await decide('INFO_REQUESTED', 'Toimittakaa omavalvontasuunnitelma.')).provider
        ?.approvalStatus,
    ).toBe('INFO_REQUESTED');
    expect(
      (await own.providers.resubmit(p.id, null, 'Liitteenä suunnitelma.')).provider?.approvalStatus,
    ).toBe('PENDING');
    expect((await decide('INFO_REQUESTED', 'Vielä vakuutus.')).errors).toEqual([]);
    expect((await decide('APPROVED')).provider?.approvalStatus).toBe('APPROVED'); // INFO_REQUESTED → APPROVED
    expect((await decide('SUSPENDED', 'Lupa vanhentunut.')).provider?.approvalStatus).toBe(
      'SUSPENDED',
    );
    expect((await decide('APPROVED')).provider?.approvalStatus).toBe('APPROVED');
    expect((await decide('SUSPENDED', 'Valituksia.')).errors).toEqual([]);
    expect((await decide('REJECTED', 'Ei korjattu.')).provider?.approvalStatus).toBe('REJECTED');

    const refused = await decide('APPROVED');
    expect(refused.provider).toBeNull();
    expect(refused.errors).toMatchObject([{ code: 'INVALID_TRANSITION', field: 'decision' }]);

    const newName = `${p.name} uusi`;
    const resubmitted = await own.providers.resubmit(
      p.id,
      application({ name: newName, businessId: p.businessId, offerings: null }),
    );
    expect(resubmitted.provider).toMatchObject({ approvalStatus: 'PENDING', name: newName });
    expect((await decide('REJECTED', 'Edelleen puutteita.')).errors).toEqual([]);
    expect((await own.providers.resubmit(p.id, null)).errors).toEqual([]);
    expect((await decide('APPROVED')).provider?.approvalStatus).toBe('APPROVED');

    const history = await as(organiser).providers.approvalHistory(
      (await as(organiser).providers.get(p.id))!,
    );
    expect(history.map((h) => `${h.fromStatus ?? '-'}>${h.toStatus}`)).toEqual([
      '->PENDING',
      'PENDING>INFO_REQUESTED',
      'INFO_REQUESTED>PENDING',
      'PENDING>INFO_REQUESTED',
      'INFO_REQUESTED>APPROVED',
      'APPROVED>SUSPENDED',
      'SUSPENDED>APPROVED',
      'APPROVED>SUSPENDED',
      'SUSPENDED>REJECTED',
      'REJECTED>PENDING',
      'PENDING>REJECTED',
      'REJECTED>PENDING',
      'PENDING>APPROVED',
    ]);
    expect(history[1]).toMatchObject({
      actorId: DEMO.organiserId,
      actorRole: 'ORGANISER',
      reason: 'Toimittakaa omavalvontasuunnitelma.',
    });
    expect(history[2]).toMatchObject({ actorRole: 'PROVIDER', reason: 'Liitteenä suunnitelma.' });
    expect(history.every((h, i) => i === 0 || h.at >= history[i - 1]!.at)).toBe(true);
    // the provider sees its own history; an adviser does not
    expect(await own.providers.approvalHistory(resubmitted.provider!)).toHaveLength(13);
    await expect(
      as(adviser).providers.approvalHistory(resubmitted.provider!),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it.each([
    ['PENDING', 'SUSPENDED'],
    ['PENDING', 'PENDING'],
    ['APPROVED', 'APPROVED'],
    ['APPROVED', 'REJECTED'],
    ['APPROVED', 'INFO_REQUESTED'],
    ['REJECTED', 'APPROVED'],
    ['REJECTED', 'SUSPENDED'],
  ] as const)('refuses %s → %s with a payload error and writes nothing', async (from, to) => {
    const p = await applyOk();
    if (from === 'APPROVED') await as(organiser).providers.decide(p.id, 'APPROVED', null);
    if (from === 'REJECTED') await as(organiser).providers.decide(p.id, 'REJECTED', 'Puutteita.');
    const before = (await as(organiser).providers.approvalHistory(p)).length;
    const result = await as(organiser).providers.decide(p.id, to, 'Syy.');
    expect(result.provider).toBeNull();
    expect(result.errors[0]?.code).toMatch(/INVALID_TRANSITION|INVALID_DECISION/);
    expect((await as(organiser).providers.get(p.id))!.approvalStatus).toBe(from);
    expect(await as(organiser).providers.approvalHistory(p)).toHaveLength(before);
  });

  it('needs a reason for everything but approval', async () => {
    const p = await applyOk();
    for (const decision of ['REJECTED', 'INFO_REQUESTED'] as const) {
      const result = await as(organiser).providers.decide(p.id, decision, '  ');
      expect(result.errors).toMatchObject([{ code: 'REASON_REQUIRED', field: 'reason' }]);
    }
    expect((await as(organiser).providers.get(p.id))!.approvalStatus).toBe('PENDING');
  });

  it.each([
    ['adviser', adviser, 'FORBIDDEN'],
    ['worker', principal('WORKER', { municipalities: ['837'] }), 'FORBIDDEN'],
    ['the provider itself', null, 'FORBIDDEN'],
    ['client', client, 'FORBIDDEN'],
    ['anonymous', undefined, 'UNAUTHENTICATED'],
  ] as const)('refuses a decision by %s and writes nothing', async (_label, who, code) => {
    const p = await applyOk();
    const caller = who === null ? providerAs(p) : who === undefined ? null : who;
    await expect(as(caller).providers.decide(p.id, 'APPROVED', null)).rejects.toMatchObject({
      extensions: { code },
    });
    expect((await as(organiser).providers.get(p.id))!.approvalStatus).toBe('PENDING');
    expect(await as(organiser).providers.approvalHistory(p)).toHaveLength(1);
  });

  it('lets only the provider itself resubmit, and only after INFO_REQUESTED or REJECTED', async () => {
    const p = await applyOk();
    const pending = await as(providerAs(p)).providers.resubmit(p.id, null);
    expect(pending.errors).toMatchObject([{ code: 'INVALID_TRANSITION' }]);
    await as(organiser).providers.decide(p.id, 'INFO_REQUESTED', 'Lisätietoja.');
    for (const who of [
      principal('PROVIDER', { providerId: crypto.randomUUID() }),
      organiser,
      null,
    ]) {
      await expect(as(who).providers.resubmit(p.id, null)).rejects.toMatchObject({
        extensions: { code: who ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
      });
    }
    const bad = await as(providerAs(p)).providers.resubmit(
      p.id,
      application({ businessId: '0112038-8', offerings: null }),
    );
    expect(bad.errors.map((e) => e.field)).toEqual(['input.businessId']);
    expect((await as(organiser).providers.get(p.id))!.approvalStatus).toBe('INFO_REQUESTED');
  });

  it('answers NOT_FOUND for an unknown provider', async () => {
    await expect(
      as(organiser).providers.decide(crypto.randomUUID(), 'APPROVED', null),
    ).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    await expect(as(organiser).providers.decide('nope', 'APPROVED', null)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  describe("only in the organiser's own area", () => {
    const nokiaOrganiser = principal('ORGANISER', {
      sub: DEMO.organiserId,
      municipalities: ['536'],
    });
    /** What an attempt answers: the error's code and message, or the payload. */
    const outcome = (attempt: Promise<unknown>) =>
      attempt.then(
        (value) => ({ value }),
        (err: { message: string; extensions?: { code?: string } }) => ({
          code: err.extensions?.code,
          message: err.message,
        }),
      );

    it.each([
      ['approve', 'APPROVED', null],
      ['reject', 'REJECTED', 'Puutteita.'],
      ['suspend', 'SUSPENDED', 'Valituksia.'],
      ['ask for information', 'INFO_REQUESTED', 'Lisätietoja.'],
    ] as const)(
      'refuses to %s a provider outside the area exactly like an unknown one, and writes nothing',
      async (_label, decision, reason) => {
        // Serves Pirkkala and Ylöjärvi only: neither is the organiser's (Tampere).
        const p = await applyOk({ municipalitiesServed: ['604', '980'] });
        if (decision === 'SUSPENDED') {
          await as(principal('ORGANISER', { municipalities: ['604'] })).providers.decide(
            p.id,
            'APPROVED',
            null,
          );
        }
        const before = await as(providerAs(p)).providers.approvalHistory(p);
        const outside = await outcome(as(organiser).providers.decide(p.id, decision, reason));
        const unknown = await outcome(
          as(organiser).providers.decide(crypto.randomUUID(), decision, reason),
        );
        expect(outside).toEqual({ code: 'NOT_FOUND', message: 'No such provider.' });
        expect(outside).toEqual(unknown);
        expect(await as(providerAs(p)).providers.approvalHistory(p)).toHaveLength(before.length);
        expect((await as(adviser).providers.get(p.id))!.approvalStatus).toBe(
          decision === 'SUSPENDED' ? 'APPROVED' : 'PENDING',
        );
      },
    );

    it('lets the organiser of any one municipality the provider serves decide it', async () => {
      const p = await applyOk({ municipalitiesServed: ['604', '536'] });
      const result = await as(nokiaOrganiser).providers.decide(p.id, 'APPROVED', null);
      expect(result.errors).toEqual([]);
      expect(result.provider?.approvalStatus).toBe('APPROVED');
      expect(await as(nokiaOrganiser).providers.approvalHistory(p)).toHaveLength(2);
    });

    it('refuses prices and offerings outside the area like an unknown provider, and changes nothing', async () => {
      const p = await applyOk({ municipalitiesServed: ['536'] });
      const [offering] = await as(providerAs(p)).providers.offerings(p);
      const input = {
        id: offering!.id,
        serviceType: 'DAY_ACTIVITIES',
        title: 'Halvempi',
        price: '1.00',
        priceUnit: 'HOUR',
      };
      const outside = await outcome(as(organiser).listings.upsertOffering(p.id, input));
      const unknown = await outcome(
        as(organiser).listings.upsertOffering(crypto.randomUUID(), input),
      );
      expect(outside).toEqual({ code: 'NOT_FOUND', message: 'No such provider.' });
      expect(outside).toEqual(unknown);
      const added = await outcome(
        as(organiser).listings.upsertOffering(p.id, { ...input, id: null }),
      );
      expect(added).toEqual(unknown);
      const after = await as(providerAs(p)).providers.offerings(p);
      expect(after.map((o) => [o.id, o.priceCents])).toEqual([[offering!.id, 2550]]);
      const own = await as(nokiaOrganiser).listings.upsertOffering(p.id, input);
      expect(own.errors).toEqual([]);
      expect(own.offering?.priceCents).toBe(100);
    });

    it('shows the approval history only to organisers of the area', async () => {
      const p = await applyOk({ municipalitiesServed: ['536'] });
      await expect(as(organiser).providers.approvalHistory(p)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      expect(await as(nokiaOrganiser).providers.approvalHistory(p)).toHaveLength(1);
    });
  });

  describe('approval queue', () => {
    /** Every page of the organiser's queue, following the cursors. */
    async function wholeQueue(who: Principal, first = 2) {
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await as(who).providers.approvalQueue({ first, after });
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return { ids, total: page.totalCount };
        after = page.pageInfo.endCursor;
      }
      throw new Error('the queue never ends');
    }

    it("lists only applications awaiting a decision in the organiser's area, oldest first, page by page", async () => {
      // A municipality of its own, so that only this test's providers are in the area.
      const lonely = principal('ORGANISER', { municipalities: ['250'] });
      const pending = await applyOk({ municipalitiesServed: ['250', '837'] });
      const informed = await applyOk({ municipalitiesServed: ['250'] });
      await as(lonely).providers.decide(informed.id, 'INFO_REQUESTED', 'Lisätietoja.');
      const approved = await applyOk({ municipalitiesServed: ['250'] });
      await as(lonely).providers.decide(approved.id, 'APPROVED', null);
      const elsewhere = await applyOk({ municipalitiesServed: ['837'] });
      const later = await applyOk({ municipalitiesServed: ['250'] });
      const queue = await wholeQueue(lonely, 1);
      expect(queue).toEqual({ ids: [pending.id, informed.id, later.id], total: 3 });
      expect(queue.ids).not.toContain(elsewhere.id);
      const tampere = await wholeQueue(organiser, 100);
      expect(tampere.ids).toEqual(expect.arrayContaining([pending.id, elsewhere.id]));
      expect(tampere.ids).not.toContain(informed.id);
      expect(tampere.ids).toHaveLength(tampere.total);
    });

    it('is for organiser staff only and refuses foreign cursors', async () => {
      for (const [who, code] of [
        [adviser, 'FORBIDDEN'],
        [client, 'FORBIDDEN'],
        [principal('PROVIDER', { providerId: DEMO.providerId }), 'FORBIDDEN'],
        [null, 'UNAUTHENTICATED'],
      ] as const) {
        await expect(as(who).providers.approvalQueue({})).rejects.toMatchObject({
          extensions: { code },
        });
      }
      await expect(
        as(organiser).providers.approvalQueue({ after: 'bm90IGEgY3Vyc29y' }),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  it('keeps the history append-only in the database', async () => {
    await expect(
      f.database.dataSource.query(`DELETE FROM providers.approval_event`),
    ).rejects.toThrow(/append-only/);
  });
});

describe('visibility', () => {
  it('shows approved providers to everyone and others only to staff and the provider itself', async () => {
    const p = await applyOk();
    expect(await as(null).providers.get(p.id)).toBeNull();
    expect(await as(client).providers.get(p.id)).toBeNull();
    expect(
      await as(principal('PROVIDER', { providerId: crypto.randomUUID() })).providers.get(p.id),
    ).toBeNull();
    expect((await as(adviser).providers.get(p.id))?.approvalStatus).toBe('PENDING');
    expect((await as(organiser).providers.get(p.id))?.id).toBe(p.id);
    expect((await as(providerAs(p)).providers.get(p.id))?.id).toBe(p.id);
    const kipina = await as(null).providers.get(DEMO.providerId);
    expect(kipina).toMatchObject({
      name: 'Ohjauspalvelu Kipinä Oy',
      kind: 'COMPANY',
      approvalStatus: 'APPROVED',
    });
    expect(await as(null).providers.get('not-a-uuid')).toBeNull();
  });

  it('resolves references for any signed-in caller, and approved ones only for anonymous callers', async () => {
    const p = await applyOk();
    expect(await as(null).providers.reference(p.id)).toBeNull();
    expect((await as(client).providers.reference(p.id))?.id).toBe(p.id);
    expect((await as(null).providers.reference(DEMO.providerId))?.id).toBe(DEMO.providerId);
    const [offering] = await as(organiser).providers.offerings(p);
    expect(await as(null).providers.offering(offering!.id)).toBeNull();
    expect((await as(client).providers.offering(offering!.id))?.id).toBe(offering!.id);
  });

  it('shows a non-approved provider reached by reference only as who it is to those who may not see it', async () => {
    const p = await applyOk();
    for (const who of [client, principal('TEAM_MEMBER', { clientId: DEMO.essiClientId })]) {
      const ctx = as(who);
      const found = await ctx.providers.reference(p.id);
      expect(found).toMatchObject({ id: p.id, name: p.name, approvalStatus: 'PENDING' });
      expect(() => ctx.providers.details(found!)).toThrow(/only who this provider is/);
      await expect(ctx.providers.offerings(found!)).rejects.toThrow(/only who this provider is/);
    }
    for (const who of [adviser, organiser, providerAs(p)]) {
      expect(as(who).providers.details(p).id).toBe(p.id);
    }
    // Once approved, the details are public.
    await as(organiser).providers.decide(p.id, 'APPROVED', null);
    const approved = (await as(null).providers.get(p.id))!;
    expect(as(null).providers.details(approved).businessId).toBe(p.businessId);
    expect(as(client).providers.details(approved).businessId).toBe(p.businessId);
  });

  it('lets an anonymous applicant see the application she has just sent, in the same request', async () => {
    const ctx = as(null);
    const result = await ctx.providers.apply(application());
    expect(ctx.providers.details(result.provider!).businessId).toBe(result.provider!.businessId);
    expect(() => as(null).providers.details(result.provider!)).toThrow(/only who/);
  });

  it('lists approved offerings per service type and approved providers per municipality', async () => {
    const p = await applyOk({ municipalitiesServed: ['790'] });
    const ctx = as(null);
    const [transport, sastamala] = await Promise.all([
      ctx.providers.offeringsOfServiceType('TRANSPORT'),
      ctx.providers.providersServing('790'),
    ]);
    const approved = new Set(
      DEMO_PROVIDERS.filter((d) => d.status === 'APPROVED').map((d) => d.name),
    );
    expect(transport.length).toBeGreaterThan(3);
    expect(transport.every((o) => o.serviceType === 'TRANSPORT')).toBe(true);
    const names = sastamala.map((s) => s.name);
    expect(names).toContain('Sastamalan Kyyditys Oy');
    expect(names).not.toContain(p.name);
    expect(names.every((n) => approved.has(n))).toBe(true);
    const transportProviders = await ctx.loaders.provider.loadMany(
      transport.map((o) => o.providerId),
    );
    expect(
      transportProviders.every(
        (x) => x && !(x instanceof Error) && x.approvalStatus === 'APPROVED',
      ),
    ).toBe(true);
  });
});

describe('upsertOffering', () => {
  it('lets the provider add and change its offerings and keeps the search document current', async () => {
    const p = await applyOk();
    await as(organiser).providers.decide(p.id, 'APPROVED', null);
    const own = as(providerAs(p));
    const word = `zorbing${crypto.randomBytes(3).toString('hex')}`;
    const added = await own.listings.upsertOffering(p.id, {
      serviceType: 'DAY_ACTIVITIES',
      title: `Pallopeli ${word}`,
      price: '12',
      priceUnit: 'HOUR',
    });
    expect(added.errors).toEqual([]);
    expect(added.offering).toMatchObject({ priceCents: 1200, active: true });
    const found = await as(null).catalogue.search({ search: { text: word } });
    expect(found.edges.map((e) => e.node.id)).toEqual([p.id]);

    const changed = await as(organiser).listings.upsertOffering(p.id, {
      id: added.offering!.id,
      serviceType: 'DAY_ACTIVITIES',
      title: 'Jotain muuta',
      price: '13.00',
      priceUnit: 'HOUR',
      active: false,
    });
    expect(changed.offering).toMatchObject({
      title: 'Jotain muuta',
      priceCents: 1300,
      active: false,
    });
    expect((await as(null).catalogue.search({ search: { text: word } })).totalCount).toBe(0);
    expect(await as(null).providers.offering(added.offering!.id)).toBeNull();
  });

  it.each([
    [{ price: '-5.00' }, 'input.price'],
    [{ price: '0' }, 'input.price'],
    [{ price: 'kymppi' }, 'input.price'],
    [{ serviceType: 'MASSAGE' }, 'input.serviceType'],
    [{ title: '' }, 'input.title'],
    [{ suitableClassLevels: [0] }, 'input.suitableClassLevels'],
  ])('refuses %j naming %s', async (override, field) => {
    const p = await applyOk();
    const result = await as(providerAs(p)).listings.upsertOffering(p.id, {
      serviceType: 'TRANSPORT',
      title: 'Kyyti',
      price: '2',
      priceUnit: 'KILOMETRE',
      ...override,
    });
    expect(result.errors.map((e) => e.field)).toEqual([field]);
    expect(await as(organiser).providers.offerings(p)).toHaveLength(1);
  });

  it("refuses another provider, a client and another provider's offering id", async () => {
    const p = await applyOk();
    const input = { serviceType: 'TRANSPORT', title: 'Kyyti', price: '2', priceUnit: 'KILOMETRE' };
    for (const who of [
      principal('PROVIDER', { providerId: crypto.randomUUID() }),
      client,
      adviser,
      null,
    ]) {
      await expect(as(who).listings.upsertOffering(p.id, input)).rejects.toMatchObject({
        extensions: { code: who ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
      });
    }
    const other = await applyOk();
    const [foreign] = await as(organiser).providers.offerings(other);
    const result = await as(providerAs(p)).listings.upsertOffering(p.id, {
      ...input,
      id: foreign!.id,
    });
    expect(result.errors).toMatchObject([{ code: 'NOT_FOUND', field: 'input.id' }]);
    expect((await as(organiser).providers.offerings(other))[0]!.title).toBe(foreign!.title);
  });
});

describe('catalogue search', () => {
  const demoNames = new Set(DEMO_PROVIDERS.map((d) => d.name));
  const isDemo = (name: string) => demoNames.has(name);
  const names = async (
    ctx: ProvidersContext,
    search: Parameters<ProvidersContext['catalogue']['search']>[0]['search'],
    first = 100,
  ) => (await ctx.catalogue.search({ search, first })).edges.map((e) => e.node.name);

  it.each([
    'uinti',
    'uimassa',
    'uimahalli',
    'uimahallissa',
    'Uintiohjausta',
    'UINTIA',
    'uimaan',
    'uintiohjaus uimahallissa',
    'uimahali',
  ])('finds the swimming guidance with %j', async (text) => {
    expect(await names(as(null), { text })).toContain('Liikuntaseura Vesipeto ry');
  });

  it.each([
    ['kuljetuksia', 'Pirkan Invataksi Oy'],
    ['taksilla', 'Nokian Taksipalvelu Ky'],
    ['päivätoimintaa', 'Ohjauspalvelu Kipinä Oy'],
    ['henkilökohtainen ohjaus', 'Ohjauspalvelu Kipinä Oy'],
    ['ohjaajan', 'Ohjauspalvelu Kipinä Oy'],
    ['lomitusta', 'Omaishoidon Tuki Hengähdys ry'],
    ['kipinä', 'Ohjauspalvelu Kipinä Oy'],
    ['dagverksamhet', 'Dagverksamhet Gemenskap rf'],
    ['avlösning', 'Avlastning Tammerfors Ab'],
  ])('understands %j', async (text, expected) => {
    expect(await names(as(null), { text })).toContain(expected);
  });

  it('ranks the best match first', async () => {
    expect((await names(as(null), { text: 'uintiohjaus' }))[0]).toBe('Liikuntaseura Vesipeto ry');
    expect((await names(as(null), { text: 'Ohjauspalvelu Kipinä' }))[0]).toBe(
      'Ohjauspalvelu Kipinä Oy',
    );
  });

  it('never shows non-approved providers to the public, and shows them to staff on request', async () => {
    const pending = DEMO_PROVIDERS.filter((d) => d.status !== 'APPROVED').map((d) => d.name);
    const everything = (await names(as(null), {})).filter(isDemo);
    expect(everything.sort()).toEqual(
      DEMO_PROVIDERS.filter((d) => d.status === 'APPROVED')
        .map((d) => d.name)
        .sort(),
    );
    for (const ctx of [as(null), as(client), as(adviser)]) {
      const all = await names(ctx, {});
      expect(all.some((n) => pending.includes(n))).toBe(false);
    }
    // "Uintiretket" is in a PENDING provider's description
    expect(await names(as(null), { text: 'uinti' })).not.toContain('Seikkailuyhdistys Retki ry');
    expect(await names(as(adviser), { text: 'uinti', includeUnapproved: true })).toContain(
      'Seikkailuyhdistys Retki ry',
    );
    const staffAll = await names(as(organiser), { includeUnapproved: true });
    for (const n of pending) expect(staffAll).toContain(n);
    for (const who of [null, client, principal('PROVIDER', { providerId: DEMO.providerId })]) {
      await expect(
        as(who).catalogue.search({ search: { includeUnapproved: true } }),
      ).rejects.toMatchObject({
        extensions: { code: who ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
      });
    }
  });

  it('filters by service type, municipality, language and maximum price', async () => {
    const ctx = as(null);
    const check = async (search: object, ok: (p: (typeof DEMO_PROVIDERS)[number]) => boolean) => {
      // other tests add approved providers of their own; compare the demo catalogue
      const found = (await names(ctx, search)).filter(isDemo);
      const expected = DEMO_PROVIDERS.filter((d) => d.status === 'APPROVED' && ok(d)).map(
        (d) => d.name,
      );
      expect(found.sort()).toEqual(expected.sort());
      expect(found.length).toBeGreaterThan(0);
    };
    await check({ serviceType: 'TRANSPORT' }, (d) => d.offerings.some((o) => o[0] === 'TRANSPORT'));
    await check({ municipalityCode: '790' }, (d) => d.municipalities.includes('790'));
    await check({ language: 'SV' }, (d) => d.languages.includes('sv'));
    await check({ language: 'fse' }, (d) => d.languages.includes('fse'));
    await check({ maxPrice: '20', priceUnit: 'HOUR' }, (d) =>
      d.offerings.some((o) => o[4] === 'HOUR' && Number(o[3]) <= 20),
    );
    await check({ serviceType: 'DAY_ACTIVITIES', maxPrice: '40.00', priceUnit: 'HOUR' }, (d) =>
      d.offerings.some((o) => o[0] === 'DAY_ACTIVITIES' && o[4] === 'HOUR' && Number(o[3]) <= 40),
    );
    await check(
      { serviceType: 'RESPITE_CARE', municipalityCode: '837', language: 'sv' },
      (d) =>
        d.offerings.some((o) => o[0] === 'RESPITE_CARE') &&
        d.municipalities.includes('837') &&
        d.languages.includes('sv'),
    );
    expect(await names(ctx, { text: 'uinti', municipalityCode: '980' })).not.toContain(
      'Liikuntaseura Vesipeto ry',
    );
    expect(await names(ctx, { text: 'uinti', municipalityCode: '536' })).toContain(
      'Liikuntaseura Vesipeto ry',
    );
    expect(await names(ctx, { serviceType: 'HOUSING', maxPrice: '100', priceUnit: 'DAY' })).toEqual(
      [],
    );
  });

  it('pages through results without gaps or repeats, in a stable order', async () => {
    for (const search of [
      {},
      { text: 'ohjaus' },
      { text: 'toiminta palvelu' },
      { serviceType: 'DAY_ACTIVITIES' },
    ]) {
      const all = await as(null).catalogue.search({ search, first: 100 });
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const page: Awaited<ReturnType<ProvidersContext['catalogue']['search']>> = await as(
          null,
        ).catalogue.search({
          search,
          first: 3,
          after,
        });
        expect(page.totalCount).toBe(all.totalCount);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.edges.map((e) => e.node.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(all.totalCount);
    }
  });

  it('refuses unbounded or malformed input', async () => {
    const bad = async (args: Parameters<ProvidersContext['catalogue']['search']>[0]) =>
      expect(as(null).catalogue.search(args)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    await bad({ search: { text: 'a'.repeat(201) } });
    await bad({ first: 101 });
    await bad({ first: 0 });
    await bad({ after: 'garbage!' });
    await bad({
      after: Buffer.from(JSON.stringify(['1; DROP TABLE x', 'a', crypto.randomUUID()])).toString(
        'base64url',
      ),
    });
    await bad({ search: { serviceType: 'SAUNA' } });
    await bad({ search: { municipalityCode: 'Tampere' } });
    await bad({ search: { language: 'finnish' } });
    await bad({ search: { maxPrice: '-10' } });
    expect(
      (await as(null).catalogue.search({ search: { text: 'a'.repeat(200) } })).totalCount,
    ).toBe(0);
  });

  it('is safe against injection and tsquery syntax', async () => {
    for (const text of [
      "'; DROP TABLE providers.provider; --",
      'uinti & | ! :* ( <-> )',
      "uinti' OR '1'='1",
      '%_\\',
      '   ',
    ]) {
      await as(null).catalogue.search({ search: { text } });
    }
    expect(await names(as(null), { text: 'uinti & !uimahalli' })).toContain(
      'Liikuntaseura Vesipeto ry',
    );
    // only the word "or" is left to search for
    expect(await names(as(null), { text: "' OR 1=1 --" })).toEqual(
      await names(as(null), { text: 'or' }),
    );
    const [{ n }] = (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM providers.provider`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(DEMO_PROVIDERS.length - 1);
  });
});

import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import { principal, queryDatabase } from '@hb/kit/testing';
import { clientsFixture } from '../testing/clients-fixture';
import type { ClientsContext } from '../shared/context.types';

const f = clientsFixture();
const { as } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837', '536'] });

async function flushAndCount(ctx: ClientsContext, clientId: string, subject: string) {
  await ctx.accessLog.flush();
  const rows = (await f.database.dataSource.query(
    `SELECT count(*)::int AS n FROM audit.access_log WHERE client_id = $1 AND subject = $2`,
    [clientId, subject],
  )) as [{ n: number }];
  return rows[0].n;
}

const unique = () => `Test${crypto.randomBytes(4).toString('hex')}`;

async function newClient(lastName = unique()) {
  const result = await as(adviser).clients.create({
    firstName: 'Aada',
    lastName,
    dateOfBirth: '1990-01-01',
    municipalityCode: '837',
  });
  expect(result.errors).toEqual([]);
  return result.client!;
}

describe('createClient', () => {
  it('creates a client in phase NEEDS_IDENTIFIED and logs the change', async () => {
    const lastName = unique();
    const client = await newClient(lastName);
    expect(client).toMatchObject({ firstName: 'Aada', lastName, processPhase: 'NEEDS_IDENTIFIED' });
    const log = (await f.database.dataSource.query(
      `SELECT action, subject, actor_id FROM audit.access_log WHERE client_id = $1`,
      [client.id],
    )) as unknown[];
    expect(log).toEqual([
      { action: 'CHANGE', subject: 'Client.created', actor_id: DEMO.adviserId },
    ]);
  });

  it.each([
    [{ firstName: ' ' }, 'input.firstName'],
    [{ lastName: '' }, 'input.lastName'],
    [{ dateOfBirth: '2999-01-01' }, 'input.dateOfBirth'],
    [{ municipalityCode: '999' }, 'input.municipalityCode'],
    [{ ownWorkerId: crypto.randomUUID() }, 'input.ownWorkerId'],
    [{ adviserId: DEMO.workerId }, 'input.adviserId'],
  ])('refuses %j naming %s and writes nothing', async (override, field) => {
    const lastName = unique();
    const result = await as(adviser).clients.create({
      firstName: 'Aada',
      lastName,
      municipalityCode: '837',
      ...override,
    });
    expect(result.client).toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual([field]);
    const rows = (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM clients.client WHERE last_name = $1`,
      [lastName],
    )) as [{ n: number }];
    expect(rows[0].n).toBe(0);
  });

  it("refuses a municipality outside the caller's own", async () => {
    await expect(
      as(adviser).clients.create({ firstName: 'A', lastName: 'B', municipalityCode: '980' }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('needs a signed-in caller', async () => {
    await expect(
      as(null).clients.create({ firstName: 'A', lastName: 'B', municipalityCode: '837' }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('reading clients', () => {
  it('logs every read of a client', async () => {
    const client = await newClient();
    const ctx = as(adviser);
    await ctx.clients.get(client.id);
    expect(await flushAndCount(ctx, client.id, 'Client')).toBe(1);
  });

  it("forbids another municipality's worker and logs nothing for them", async () => {
    const client = await newClient();
    const ctx = as(principal('WORKER', { municipalities: ['980'] }));
    await expect(ctx.clients.get(client.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await flushAndCount(ctx, client.id, 'Client')).toBe(0);
  });

  it('returns null for an unknown or malformed id', async () => {
    expect(await as(adviser).clients.get(crypto.randomUUID())).toBeNull();
    expect(await as(adviser).clients.get('not-a-uuid')).toBeNull();
  });

  it('pages through a search result without gaps or repeats', async () => {
    const family = unique();
    const created = [];
    for (let i = 0; i < 7; i++) {
      const r = await as(adviser).clients.create({
        firstName: `Etu${String(i).padStart(2, '0')}`,
        lastName: family,
        municipalityCode: i % 2 === 0 ? '837' : '536',
      });
      created.push(r.client!.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Awaited<ReturnType<ClientsContext['clients']['list']>> = await as(
        adviser,
      ).clients.list({
        search: family.toLowerCase(),
        first: 3,
        after,
      });
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual([...created].sort());

    const nokia = await as(adviser).clients.list({ search: family, municipalityCode: '536' });
    expect(nokia.totalCount).toBe(3);
  });

  it('refuses page sizes out of bounds and foreign cursors', async () => {
    await expect(as(adviser).clients.list({ first: 0 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(as(adviser).clients.list({ first: 101 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(as(adviser).clients.list({ after: 'garbage!' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('treats LIKE wildcards in a search literally', async () => {
    const page = await as(adviser).clients.list({ search: '%' });
    expect(page.totalCount).toBe(0);
  });
});

describe('team', () => {
  it('adds a member, refuses a duplicate, and removing revokes their consents', async () => {
    const client = await newClient();
    const added = await as(adviser).team.add(client.id, {
      name: 'Maija Meikäläinen',
      role: 'RELATIVE',
      relation: 'sisko',
      email: 'maija@example.fi',
    });
    expect(added.errors).toEqual([]);
    const duplicate = await as(adviser).team.add(client.id, {
      name: ' maija meikäläinen ',
      role: 'RELATIVE',
    });
    expect(duplicate.errors.map((e) => e.field)).toEqual(['input.name']);

    const granted = await as(principal('CLIENT', { clientId: client.id })).consents.grant(
      client.id,
      {
        teamMemberId: added.teamMember!.id,
        scopes: ['BUDGET'],
      },
    );
    expect(granted.errors).toEqual([]);

    await as(adviser).team.remove(client.id, added.teamMember!.id);
    const ctx = as(adviser);
    const loaded = (await ctx.clients.get(client.id))!;
    expect(await ctx.loaders.team.load(loaded.id)).toEqual([]);
    const consents = await ctx.loaders.consents.load(loaded.id);
    expect(consents).toHaveLength(1);
    expect(consents[0]!.revokedAt).not.toBeNull();
  });

  it.each([
    [{ name: '' }, 'input.name'],
    [{ email: 'nope' }, 'input.email'],
    [{ phone: 'abc' }, 'input.phone'],
    [{ relation: 'x'.repeat(101) }, 'input.relation'],
  ])('refuses %j naming %s', async (override, field) => {
    const client = await newClient();
    const result = await as(adviser).team.add(client.id, {
      name: 'Ville',
      role: 'OTHER',
      ...override,
    });
    expect(result.errors.map((e) => e.field)).toEqual([field]);
    expect(await as(adviser).loaders.team.load(client.id)).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown client or member', async () => {
    await expect(
      as(adviser).team.add(crypto.randomUUID(), { name: 'X', role: 'OTHER' }),
    ).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    const client = await newClient();
    await expect(as(adviser).team.remove(client.id, crypto.randomUUID())).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('team member rights', () => {
  /** A client with a member holding a consent, one without, and one removed after consenting. */
  async function teamWorld() {
    const client = await newClient();
    const own = principal('CLIENT', { clientId: client.id });
    const add = async (name: string) =>
      (await as(adviser).team.add(client.id, { name, role: 'RELATIVE' })).teamMember!;
    const withConsent = await add('Kaisa Suostunut');
    const withoutConsent = await add('Ville Ilman');
    const notYet = await add('Tiina Tuleva');
    const revoked = await add('Reijo Peruttu');
    const removed = await add('Pertti Poistettu');
    const grant = async (memberId: string, validFrom?: string) =>
      expect(
        (
          await as(own).consents.grant(client.id, {
            teamMemberId: memberId,
            scopes: ['BUDGET'],
            validFrom,
          })
        ).errors,
      ).toEqual([]);
    await grant(withConsent.id);
    await grant(notYet.id, '2999-01-01');
    await grant(revoked.id);
    await grant(removed.id);
    const [revokedConsent] = (await as(adviser).loaders.consents.load(client.id)).filter(
      (c) => c.teamMemberId === revoked.id,
    );
    await as(own).consents.revoke(client.id, revokedConsent!.id);
    await as(adviser).team.remove(client.id, removed.id);
    const memberOf = (memberId: string) =>
      principal('TEAM_MEMBER', { sub: memberId, clientId: client.id });
    return { client, withConsent, withoutConsent, notYet, revoked, removed, memberOf };
  }

  it('shows nothing to a removed member or a stranger, and logs no read for them', async () => {
    const w = await teamWorld();
    const elsewhere = await teamWorld(); // a member of another client's team
    for (const sub of [w.removed.id, crypto.randomUUID(), elsewhere.withConsent.id]) {
      const ctx = as(w.memberOf(sub));
      await expect(ctx.clients.get(w.client.id)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      expect(() => ctx.clients.details(w.client)).toThrow(/may not see/);
      await expect(ctx.clients.team(w.client)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      expect(await ctx.clients.myConsentScopes(w.client.id)).toEqual([]);
      expect(await ctx.clients.standing(w.client.id)).toEqual({ member: false, consentScopes: [] });
      await ctx.accessLog.flush();
      const rows = (await f.database.dataSource.query(
        `SELECT count(*)::int AS n FROM audit.access_log WHERE client_id = $1 AND actor_id = $2`,
        [w.client.id, sub],
      )) as [{ n: number }];
      expect({ sub, reads: rows[0].n }).toEqual({ sub, reads: 0 });
    }
  });

  it('shows a member without a consent in force only that she is on the team', async () => {
    const w = await teamWorld();
    for (const member of [w.withoutConsent, w.notYet, w.revoked]) {
      const ctx = as(w.memberOf(member.id));
      const seen = await ctx.clients.get(w.client.id);
      expect(seen?.id).toBe(w.client.id);
      expect(() => ctx.clients.details(seen!)).toThrow(/may not see the details/);
      expect((await ctx.clients.team(seen!)).map((m) => m.id)).toEqual([member.id]);
      expect(await ctx.clients.myConsentScopes(w.client.id)).toEqual([]);
    }
  });

  it('shows a member with a consent in force the basic details and only her own team entry', async () => {
    const w = await teamWorld();
    const ctx = as(w.memberOf(w.withConsent.id));
    const seen = await ctx.clients.get(w.client.id);
    expect(ctx.clients.details(seen!)).toMatchObject({
      firstName: 'Aada',
      lastName: w.client.lastName,
      dateOfBirth: '1990-01-01',
    });
    expect((await ctx.clients.team(seen!)).map((m) => m.name)).toEqual(['Kaisa Suostunut']);
    expect(await ctx.clients.myConsentScopes(w.client.id)).toEqual(['BUDGET']);
    expect(await flushAndCount(ctx, w.client.id, 'Client')).toBeGreaterThan(0);
  });

  it('takes the details away in the next request once the member is removed', async () => {
    const w = await teamWorld();
    const member = w.memberOf(w.withConsent.id);
    const before = as(member);
    before.clients.details((await before.clients.get(w.client.id))!);
    await as(adviser).team.remove(w.client.id, w.withConsent.id);
    await expect(as(member).clients.get(w.client.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await as(member).clients.myConsentScopes(w.client.id)).toEqual([]);
  });

  it('looks the team and consents up once per request however many times it is asked', async () => {
    const w = await teamWorld();
    const ctx = as(w.memberOf(w.withConsent.id));
    const answers = await Promise.all([
      ctx.clients.get(w.client.id),
      ctx.clients.get(w.client.id),
      ctx.clients.myConsentScopes(w.client.id),
    ]);
    expect(answers[2]).toEqual(['BUDGET']);
    expect(ctx.clients.standing(w.client.id)).toBe(ctx.clients.standing(w.client.id));
  });
});

describe('consents and process phase', () => {
  it('validates consents and revokes them', async () => {
    const client = await newClient();
    const member = (
      await as(adviser).team.add(client.id, { name: 'Tuula', role: 'SUPPORT_PERSON' })
    ).teamMember!;
    const bad = await as(adviser).consents.grant(client.id, {
      teamMemberId: crypto.randomUUID(),
      scopes: [],
      validFrom: '2026-01-10',
      validUntil: '2026-01-01',
    });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(
      ['input.scopes', 'input.teamMemberId', 'input.validUntil', 'input.validUntil'].sort(),
    );
    const ok = await as(adviser).consents.grant(client.id, {
      teamMemberId: member.id,
      scopes: ['PLAN', 'PLAN'],
    });
    expect(ok.errors).toEqual([]);
    const [consent] = await as(adviser).loaders.consents.load(client.id);
    expect(consent!.scopes).toEqual(['PLAN']);
    await as(adviser).consents.revoke(client.id, consent!.id);
    await expect(as(adviser).consents.revoke(client.id, consent!.id)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('moves the process phase and refuses a team member doing it', async () => {
    const client = await newClient();
    const result = await as(adviser).clients.setProcessPhase(client.id, 'PLANNING');
    expect(result.client?.processPhase).toBe('PLANNING');
    await expect(
      as(principal('TEAM_MEMBER', { clientId: client.id })).clients.setProcessPhase(
        client.id,
        'DECISIONS',
      ),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});

describe('access log', () => {
  it('is append-only in the database and readable by the client', async () => {
    const client = await newClient();
    const ctx = as(adviser);
    await ctx.clients.get(client.id);
    await ctx.accessLog.flush();
    // The service's own role may not even try; the owner (here the superuser) meets the trigger.
    await expect(
      f.database.dataSource.query(`DELETE FROM audit.access_log WHERE client_id = $1`, [client.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      queryDatabase(f.url, `DELETE FROM audit.access_log WHERE client_id = $1`, [client.id]),
    ).rejects.toThrow(/append-only/);
    const own = as(principal('CLIENT', { clientId: client.id }));
    const entity = (await own.clients.get(client.id))!;
    const log = await own.clients.accessLog(entity, 10, null);
    expect(log.edges.map((e) => e.node.subject)).toEqual(['Client', 'Client.created']);
    expect(log.edges[0]!.node.actorRole).toBe('ADVISER');
  });
});

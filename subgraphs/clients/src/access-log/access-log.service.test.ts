import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import { principal, queryDatabase } from '@hb/kit/testing';
import { clientsFixture } from '../testing/clients-fixture';
import type { ClientsContext } from '../shared/context.types';

const f = clientsFixture();
const { as } = f;

const essi = principal('CLIENT', { sub: DEMO.essiClientId, clientId: DEMO.essiClientId });

/** A client of her own with `n` log rows: a few per instant, the instants out of id order. */
async function clientWithLog(n: number) {
  const clientId = crypto.randomUUID();
  await queryDatabase(
    f.url,
    `INSERT INTO clients.client (id, first_name, last_name, date_of_birth, municipality_code)
     VALUES ($1, 'Lotta', 'Lokinen', '1990-01-01', '837')`,
    [clientId],
  );
  // Rows go in with ids rising while their times jump around (as when services flush their
  // buffers late), and three share each instant, as the entries of one request do.
  await queryDatabase(
    f.url,
    `INSERT INTO audit.access_log
       (at, service, actor_id, actor_role, actor_organisation, client_id, action, subject,
        purpose, request_id)
     SELECT timestamptz '2026-11-30 12:00:00.000001+00'
              + ((g / 3) * 7919 % $2) * interval '1 second',
            'test', $3, 'ADVISER', '020', $1, 'READ', 'Entry ' || g, 'seuranta', 'r' || g
     FROM generate_series(0, $2 - 1) g`,
    [clientId, n, DEMO.adviserId],
  );
  return clientId;
}

async function pageAll(ctx: ClientsContext, clientId: string, first: number) {
  const entity = (await ctx.clients.get(clientId))!;
  const seen: { subject: string; at: Date; id: string }[] = [];
  let after: string | null = null;
  let total = -1;
  for (let i = 0; i < 1000; i++) {
    const page = await ctx.clients.accessLog(entity, first, after);
    total = page.totalCount;
    seen.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { seen, total };
}

describe('Client.accessLog', () => {
  it('gives every entry of a 230-row log exactly once, newest first, in pages of 20', async () => {
    const clientId = await clientWithLog(230);
    const own = principal('CLIENT', { sub: clientId, clientId });
    const { seen, total } = await pageAll(as(own), clientId, 20);
    const test = seen.filter((e) => e.subject.startsWith('Entry '));
    expect(test).toHaveLength(230);
    expect(new Set(test.map((e) => e.subject)).size).toBe(230);
    // Also the reads of this paging itself are in the log, once each.
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      const newerOrTie =
        a.at.getTime() > b.at.getTime() ||
        (a.at.getTime() === b.at.getTime() && BigInt(a.id) > BigInt(b.id));
      expect({ i, newerOrTie }).toEqual({ i, newerOrTie: true });
    }
  });

  it('pages the same with pages of 1 and of 100', async () => {
    const clientId = await clientWithLog(205);
    const own = principal('CLIENT', { sub: clientId, clientId });
    const small = (await pageAll(as(own), clientId, 7)).seen.filter((e) =>
      e.subject.startsWith('Entry '),
    );
    const large = (await pageAll(as(own), clientId, 100)).seen.filter((e) =>
      e.subject.startsWith('Entry '),
    );
    expect(small.map((e) => e.id)).toEqual(large.map((e) => e.id));
    expect(small).toHaveLength(205);
  });

  it('names the actor: an adviser by name and as the HB centre, not her first municipality', async () => {
    const clientId = await clientWithLog(3);
    const own = principal('CLIENT', { sub: clientId, clientId });
    const ctx = as(own);
    const page = await ctx.clients.accessLog((await ctx.clients.get(clientId))!, 10, null);
    const entry = page.edges.find((e) => e.node.subject === 'Entry 0')!.node;
    expect(entry).toMatchObject({
      actorName: 'Hanna Neuvonen',
      actorOrganisationKind: 'HB_CENTRE',
      actorOrganisationName: null,
    });
  });

  it('names a worker with her municipality, the client herself and her team member', async () => {
    const worker = principal('WORKER', {
      sub: DEMO.workerId,
      municipalities: ['837'],
      organisation: '837',
    });
    const member = principal('TEAM_MEMBER', {
      sub: DEMO.essiTeamMemberId,
      clientId: DEMO.essiClientId,
    });
    for (const who of [worker, essi, member]) {
      const ctx = as(who);
      await ctx.clients.get(DEMO.essiClientId);
      await ctx.accessLog.flush();
    }
    const ctx = as(essi);
    const page = await ctx.clients.accessLog((await ctx.clients.get(DEMO.essiClientId))!, 5, null);
    const byRole = Object.fromEntries(page.edges.map((e) => [e.node.actorRole, e.node]));
    expect(byRole.WORKER).toMatchObject({
      actorName: 'Olli Omatyö',
      actorOrganisationKind: 'MUNICIPALITY',
      actorOrganisationName: 'Tampere',
      actorOrganisationNameSv: 'Tammerfors',
    });
    expect(byRole.CLIENT).toMatchObject({
      actorName: 'Essi Esimerkki',
      actorOrganisationKind: 'NONE',
    });
    expect(byRole.TEAM_MEMBER?.actorName).toMatch(/\S/);
  });

  it.each([
    ['an id-only cursor of the old kind', ['12']],
    ['a number', [12]],
    ['a garbled time', ['yesterday', '12']],
    ['a non-numeric id', ['2026-11-30 12:00:00+00', '1 OR 1=1']],
  ])('refuses %s', async (_label, key) => {
    const ctx = as(essi);
    const entity = (await ctx.clients.get(DEMO.essiClientId))!;
    const after = Buffer.from(JSON.stringify(key)).toString('base64url');
    await expect(ctx.clients.accessLog(entity, 5, after)).rejects.toThrow(/Unknown cursor/);
  });

  it("refuses another client's, a provider's and a staff member's of another municipality", async () => {
    const clientId = await clientWithLog(2);
    const refused = [
      essi,
      principal('PROVIDER', { providerId: DEMO.providerId }),
      principal('WORKER', { municipalities: ['536'] }),
      principal('TEAM_MEMBER', { sub: DEMO.essiTeamMemberId, clientId: DEMO.essiClientId }),
    ];
    for (const who of refused) {
      const ctx = as(who);
      const entity = await ctx.clients.get(clientId).catch(() => null);
      if (entity) await expect(ctx.clients.accessLog(entity, 5, null)).rejects.toThrow();
    }
    // A team member of Essi with consent still may not read Essi's log: it is the client's own.
    const member = as(refused[3]!);
    const entity = (await member.clients.get(DEMO.essiClientId))!;
    await expect(member.clients.accessLog(entity, 5, null)).rejects.toThrow();
  });
});

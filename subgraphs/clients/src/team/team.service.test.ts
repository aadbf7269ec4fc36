import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { clientsFixture } from '../testing/clients-fixture';

const f = clientsFixture();
const { as } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });

async function newClient() {
  const result = await as(adviser).clients.create({
    firstName: 'Tiia',
    lastName: `Tiimi${crypto.randomBytes(3).toString('hex')}`,
    dateOfBirth: '1995-05-05',
    municipalityCode: '837',
  });
  return result.client!;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const rows = (await f.database.dataSource.query(sql, params)) as [{ n: number }];
  return rows[0].n;
}

describe('the client chooses her own team', () => {
  it('adds a member and removes her, which revokes her consent; both are logged as hers', async () => {
    const client = await newClient();
    const self = principal('CLIENT', { sub: client.id, clientId: client.id });
    const added = await as(self).team.add(client.id, {
      name: 'Tuula Tukija',
      role: 'SUPPORT_PERSON',
    });
    expect(added.errors).toEqual([]);
    const memberId = added.teamMember!.id;
    const granted = await as(self).consents.grant(client.id, {
      teamMemberId: memberId,
      scopes: ['BUDGET'],
    });
    expect(granted.errors).toEqual([]);
    await as(self).team.remove(client.id, memberId);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM clients.consent WHERE team_member_id = $1 AND revoked_at IS NULL`,
        [memberId],
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit.access_log
         WHERE client_id = $1 AND actor_id = $2 AND subject IN ('Client.team.add', 'Client.team.remove')`,
        [client.id, client.id],
      ),
    ).toBe(2);
  });

  it('refuses everyone else who is not staff of her municipality, and writes nothing', async () => {
    const client = await newClient();
    const member = await as(adviser).team.add(client.id, {
      name: 'Marja Mukana',
      role: 'RELATIVE',
    });
    const memberId = member.teamMember!.id;
    await as(adviser).consents.grant(client.id, {
      teamMemberId: memberId,
      scopes: ['BUDGET', 'PLAN', 'DOCUMENTS'],
    });
    const refused: Principal[] = [
      principal('CLIENT', { sub: DEMO.essiClientId, clientId: DEMO.essiClientId }),
      principal('TEAM_MEMBER', { sub: memberId, clientId: client.id }),
      principal('PROVIDER', { providerId: DEMO.providerId }),
      principal('ADVISER', { municipalities: ['536'] }),
      principal('ORGANISER', { municipalities: ['837'] }),
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
    ];
    for (const who of refused) {
      await expect(
        as(who).team.add(client.id, { name: `Vieras ${who.role}`, role: 'OTHER' }),
      ).rejects.toThrow(/may not change this client/);
      await expect(as(who).team.remove(client.id, memberId)).rejects.toThrow(
        /may not change this client/,
      );
    }
    await expect(
      as(null).team.add(client.id, { name: 'Anonyymi', role: 'OTHER' }),
    ).rejects.toThrow();
    expect(
      await count(
        `SELECT count(*)::int AS n FROM clients.team_member WHERE client_id = $1 AND removed_at IS NULL`,
        [client.id],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM clients.consent WHERE team_member_id = $1 AND revoked_at IS NULL`,
        [memberId],
      ),
    ).toBe(1);
  });

  it("does not let a client remove another client's member through her own id", async () => {
    const [mine, theirs] = [await newClient(), await newClient()];
    const other = await as(adviser).team.add(theirs.id, { name: 'Kaija Kolmas', role: 'OTHER' });
    const self = principal('CLIENT', { sub: mine.id, clientId: mine.id });
    await expect(as(self).team.remove(mine.id, other.teamMember!.id)).rejects.toThrow(
      /No such member/,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM clients.team_member WHERE id = $1 AND removed_at IS NULL`,
        [other.teamMember!.id],
      ),
    ).toBe(1);
  });
});

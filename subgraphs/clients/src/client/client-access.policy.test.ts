import type { Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { clientAccess } from './client-access.policy';

const essi = { id: 'c-essi', municipalityCode: '837' };

describe('clientAccess', () => {
  it.each([
    ['adviser of Tampere', principal('ADVISER', { municipalities: ['837'] }), true, true],
    ['adviser of Nokia', principal('ADVISER', { municipalities: ['536'] }), false, false],
    ['worker of Tampere', principal('WORKER', { municipalities: ['837'] }), true, true],
    ['Essi herself', principal('CLIENT', { clientId: 'c-essi' }), true, true],
    ['another client', principal('CLIENT', { clientId: 'c-other' }), false, false],
    [
      "Essi's team member (no standing looked up)",
      principal('TEAM_MEMBER', { clientId: 'c-essi' }),
      false,
      false,
    ],
    ['organiser of Tampere', principal('ORGANISER', { municipalities: ['837'] }), false, false],
    ['provider', principal('PROVIDER', { providerId: 'p1' }), false, false],
    [
      'system with scope',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
      true,
      false,
    ],
    [
      'system without scope',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'] }),
      false,
      false,
    ],
    ['anonymous', null, false, false],
  ])('%s: read %s, private %s', (_label, who, read, privateRead) => {
    expect(clientAccess.canRead(who, essi)).toBe(read);
    expect(clientAccess.canSee(who, essi)).toBe(read);
    expect(clientAccess.canReadPrivate(who, essi)).toBe(privateRead);
  });

  describe('a team member', () => {
    const member = principal('TEAM_MEMBER', { sub: 'm-1', clientId: 'c-essi' });
    //  standing                                      see    details team
    it.each([
      [
        'a current member with a consent in force',
        { member: true, consentScopes: ['PLAN'] },
        true,
        true,
        'SELF',
      ],
      [
        'a current member without a consent in force',
        { member: true, consentScopes: [] },
        true,
        false,
        'SELF',
      ],
      [
        'a removed member or a stranger',
        { member: false, consentScopes: [] },
        false,
        false,
        'NONE',
      ],
      // Scopes without membership cannot happen, but must not open anything either.
      [
        'scopes without membership',
        { member: false, consentScopes: ['BUDGET'] },
        false,
        false,
        'NONE',
      ],
    ] as const)('%s: see %s, details %s, team %s', (_label, standing, see, details, team) => {
      expect(clientAccess.canSee(member, essi, standing)).toBe(see);
      expect(clientAccess.canRead(member, essi, standing)).toBe(details);
      expect(clientAccess.teamView(member, essi, standing)).toBe(team);
      expect(clientAccess.canReadPrivate(member, essi)).toBe(false);
    });

    it('sees nothing of a client her token does not name, whatever her standing', () => {
      const standing = { member: true, consentScopes: ['BUDGET', 'PLAN'] } as const;
      const other = { id: 'c-other', municipalityCode: '837' };
      expect(clientAccess.canSee(member, other, standing)).toBe(false);
      expect(clientAccess.canRead(member, other, standing)).toBe(false);
      expect(clientAccess.teamView(member, other, standing)).toBe('NONE');
    });
  });

  it.each([
    ['adviser of Tampere', principal('ADVISER', { municipalities: ['837'] }), 'ALL'],
    ['Essi herself', principal('CLIENT', { clientId: 'c-essi' }), 'ALL'],
    ['adviser of Nokia', principal('ADVISER', { municipalities: ['536'] }), 'NONE'],
    [
      'system with scope',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
      'NONE',
    ],
    ['anonymous', null, 'NONE'],
  ])('team list for %s: %s', (_label, who, view) => {
    expect(clientAccess.teamView(who, essi)).toBe(view);
  });

  it.each([
    [principal('ADVISER', { municipalities: ['837', '536'] }), ['837', '536']],
    [principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }), ['837']],
    [principal('CLIENT', { clientId: 'c-essi' }), []],
    [principal('ORGANISER', { municipalities: ['837'] }), []],
  ])('lists only the municipalities a role may browse', (who, expected) => {
    expect(clientAccess.listableMunicipalities(who)).toEqual(expected);
  });

  it("lets a client choose her own team but not another's; a team member never", () => {
    const rows: Array<[Principal, boolean]> = [
      [principal('CLIENT', { clientId: 'c-essi' }), true],
      [principal('CLIENT', { clientId: 'x' }), false],
      [principal('TEAM_MEMBER', { clientId: 'c-essi' }), false],
      [principal('PROVIDER', { providerId: 'p' }), false],
      [principal('ADVISER', { municipalities: ['837'] }), true],
      [principal('ADVISER', { municipalities: ['536'] }), false],
      [principal('ORGANISER', { municipalities: ['837'] }), false],
      [principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }), false],
    ];
    for (const [p, allowed] of rows) {
      expect({ role: p.role, allowed: clientAccess.canManageTeam(p, essi) }).toEqual({
        role: p.role,
        allowed,
      });
    }
    expect(clientAccess.canManageTeam(null, essi)).toBe(false);
  });

  it("lets a client manage their own consents but not another's", () => {
    expect(clientAccess.canManageConsents(principal('CLIENT', { clientId: 'c-essi' }), essi)).toBe(
      true,
    );
    expect(clientAccess.canManageConsents(principal('CLIENT', { clientId: 'x' }), essi)).toBe(
      false,
    );
    expect(
      clientAccess.canManageConsents(principal('TEAM_MEMBER', { clientId: 'c-essi' }), essi),
    ).toBe(false);
  });
});

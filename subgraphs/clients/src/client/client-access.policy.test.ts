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
    ["Essi's team member", principal('TEAM_MEMBER', { clientId: 'c-essi' }), true, false],
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
    expect(clientAccess.canReadPrivate(who, essi)).toBe(privateRead);
  });

  it.each([
    [principal('ADVISER', { municipalities: ['837', '536'] }), ['837', '536']],
    [principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }), ['837']],
    [principal('CLIENT', { clientId: 'c-essi' }), []],
    [principal('ORGANISER', { municipalities: ['837'] }), []],
  ])('lists only the municipalities a role may browse', (who, expected) => {
    expect(clientAccess.listableMunicipalities(who)).toEqual(expected);
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

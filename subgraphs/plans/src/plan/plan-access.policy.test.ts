import { principal } from '@hb/kit/testing';
import { planAccess } from './plan-access.policy';

const plan = { clientId: 'c1', municipalityCode: '837' };

describe('planAccess', () => {
  it.each([
    ['ADVISER of 837', principal('ADVISER', { municipalities: ['837'] }), false, true],
    ['WORKER of 536', principal('WORKER', { municipalities: ['536'] }), false, false],
    ['the client', principal('CLIENT', { clientId: 'c1' }), false, true],
    ['another client', principal('CLIENT', { clientId: 'c2' }), false, false],
    ['team member without consent', principal('TEAM_MEMBER', { clientId: 'c1' }), false, false],
    ['team member with consent', principal('TEAM_MEMBER', { clientId: 'c1' }), true, true],
    ['team member of another client', principal('TEAM_MEMBER', { clientId: 'c2' }), true, false],
    ['organiser', principal('ORGANISER', { municipalities: ['837'] }), false, false],
    ['provider', principal('PROVIDER', { providerId: 'p1' }), false, false],
    ['municipal system', principal('MUNICIPAL_SYSTEM', { municipalities: ['837'] }), false, false],
  ])('read: %s', (_name, p, consent, expected) => {
    expect(planAccess.canRead(p, plan, consent)).toBe(expected);
  });

  it('denies anonymous callers everything', () => {
    expect(planAccess.canRead(null, plan)).toBe(false);
    expect(planAccess.canEdit(null, plan)).toBe(false);
    expect(planAccess.canAccept(null, plan)).toBe(false);
    expect(planAccess.canGiveFeedback(null, 'c1')).toBe(false);
  });

  it.each([
    ['the client', principal('CLIENT', { clientId: 'c1' }), [], true],
    ['another client', principal('CLIENT', { clientId: 'c2' }), [], false],
    [
      'a team member with a consent in force',
      principal('TEAM_MEMBER', { clientId: 'c1' }),
      ['BUDGET'],
      true,
    ],
    // No scopes: not on the team today (removed, or never was), or no consent in force.
    ['a team member without standing', principal('TEAM_MEMBER', { clientId: 'c1' }), [], false],
    [
      'a team member of another client',
      principal('TEAM_MEMBER', { clientId: 'c2' }),
      ['PLAN'],
      false,
    ],
    ['an adviser', principal('ADVISER', { municipalities: ['837'] }), [], false],
  ] as const)('feedback: %s', (_name, p, scopes, expected) => {
    expect(planAccess.canGiveFeedback(p, 'c1', scopes)).toBe(expected);
  });

  it('a provider sees only allocations naming their organisation', () => {
    const p = principal('PROVIDER', { providerId: 'p1' });
    expect(planAccess.canReadAllocation(p, plan, { providerId: 'p1' })).toBe(true);
    expect(planAccess.canReadAllocation(p, plan, { providerId: 'p2' })).toBe(false);
    expect(planAccess.canReadAllocation(p, plan, { providerId: null })).toBe(false);
  });

  it("accepting is the client's, or staff on their behalf; editing is staff only", () => {
    expect(planAccess.canAccept(principal('CLIENT', { clientId: 'c1' }), plan)).toBe(true);
    expect(planAccess.canAccept(principal('TEAM_MEMBER', { clientId: 'c1' }), plan)).toBe(false);
    expect(planAccess.canAccept(principal('WORKER', { municipalities: ['837'] }), plan)).toBe(true);
    expect(planAccess.canEdit(principal('CLIENT', { clientId: 'c1' }), plan)).toBe(false);
    expect(planAccess.canEdit(principal('ORGANISER', { municipalities: ['837'] }), plan)).toBe(
      false,
    );
  });
});

import { principal } from '@hb/kit/testing';
import { budgetAccess } from './budget-access.policy';

const essi = { clientId: '00000000-0000-4000-8000-000000000e55', municipalityCode: '837' };
const other = { clientId: '00000000-0000-4000-8000-000000000001', municipalityCode: '536' };

describe('budgetAccess.read', () => {
  it.each([
    [
      'adviser of the municipality',
      principal('ADVISER', { municipalities: ['837'] }),
      essi,
      'ALLOW',
    ],
    [
      'worker of another municipality',
      principal('WORKER', { municipalities: ['837'] }),
      other,
      'DENY',
    ],
    ['the client', principal('CLIENT', { clientId: essi.clientId }), essi, 'ALLOW'],
    ['another client', principal('CLIENT', { clientId: other.clientId }), essi, 'DENY'],
    [
      'team member',
      principal('TEAM_MEMBER', { clientId: essi.clientId }),
      essi,
      'NEEDS_BUDGET_CONSENT',
    ],
    [
      'team member of another',
      principal('TEAM_MEMBER', { clientId: other.clientId }),
      essi,
      'DENY',
    ],
    ['organiser', principal('ORGANISER', { municipalities: ['837'] }), essi, 'DENY'],
    ['provider', principal('PROVIDER', { providerId: 'p' }), essi, 'DENY'],
    [
      'system with scope',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
      essi,
      'ALLOW',
    ],
    [
      'system without scope',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
      essi,
      'DENY',
    ],
    [
      'system of another municipality',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['536'], scopes: ['budgets:read'] }),
      essi,
      'DENY',
    ],
  ] as const)('%s → %s', (_name, who, budget, expected) => {
    expect(budgetAccess.read(who, budget)).toBe(expected);
  });

  it('denies anonymous callers everything', () => {
    expect(budgetAccess.read(null, essi)).toBe('DENY');
    expect(budgetAccess.canDecide(null, '837')).toBe(false);
    expect(budgetAccess.confirm(null, essi)).toBe('DENY');
    expect(budgetAccess.canManageMunicipality(null, '837')).toBe(false);
    expect(budgetAccess.transactionVisible(null, { providerId: null })).toBe(false);
  });
});

describe('budgetAccess writes', () => {
  it('lets only advisers and workers of the municipality decide', () => {
    expect(budgetAccess.canDecide(principal('WORKER', { municipalities: ['837'] }), '837')).toBe(
      true,
    );
    expect(budgetAccess.canDecide(principal('WORKER', { municipalities: ['536'] }), '837')).toBe(
      false,
    );
    expect(budgetAccess.canDecide(principal('ORGANISER', { municipalities: ['837'] }), '837')).toBe(
      false,
    );
    expect(budgetAccess.canDecide(principal('CLIENT', { clientId: essi.clientId }), '837')).toBe(
      false,
    );
  });

  it('lets a provider charge only under its own id', () => {
    const p = principal('PROVIDER', { providerId: 'prov-1' });
    expect(budgetAccess.canRecordCharge(p, essi, 'prov-1')).toBe(true);
    expect(budgetAccess.canRecordCharge(p, essi, 'prov-2')).toBe(false);
    expect(
      budgetAccess.canRecordCharge(
        principal('CLIENT', { clientId: essi.clientId }),
        essi,
        'prov-1',
      ),
    ).toBe(false);
  });

  it('lets only the client or a consenting team member confirm', () => {
    expect(budgetAccess.confirm(principal('CLIENT', { clientId: essi.clientId }), essi)).toBe(
      'ALLOW',
    );
    expect(budgetAccess.confirm(principal('TEAM_MEMBER', { clientId: essi.clientId }), essi)).toBe(
      'NEEDS_BUDGET_CONSENT',
    );
    expect(budgetAccess.confirm(principal('ADVISER', { municipalities: ['837'] }), essi)).toBe(
      'DENY',
    );
  });

  it('lets organisers manage only their own municipality and providers see only their own transactions', () => {
    expect(
      budgetAccess.canManageMunicipality(
        principal('ORGANISER', { municipalities: ['837'] }),
        '837',
      ),
    ).toBe(true);
    expect(
      budgetAccess.canManageMunicipality(
        principal('ORGANISER', { municipalities: ['837'] }),
        '536',
      ),
    ).toBe(false);
    expect(
      budgetAccess.canManageMunicipality(principal('ADVISER', { municipalities: ['837'] }), '837'),
    ).toBe(false);
    const p = principal('PROVIDER', { providerId: 'prov-1' });
    expect(budgetAccess.transactionVisible(p, { providerId: 'prov-1' })).toBe(true);
    expect(budgetAccess.transactionVisible(p, { providerId: 'prov-2' })).toBe(false);
    expect(budgetAccess.transactionVisible(p, { providerId: null })).toBe(false);
  });
});

describe('budgetAccess.couldReadClient', () => {
  it.each([
    ['the client', principal('CLIENT', { clientId: essi.clientId }), 'ALLOW'],
    ['another client', principal('CLIENT', { clientId: other.clientId }), 'DENY'],
    // Her consent (and so her membership today) decides even an empty list.
    [
      'a team member',
      principal('TEAM_MEMBER', { clientId: essi.clientId }),
      'NEEDS_BUDGET_CONSENT',
    ],
    [
      "another client's team member",
      principal('TEAM_MEMBER', { clientId: other.clientId }),
      'DENY',
    ],
    ['an organiser', principal('ORGANISER', { municipalities: ['837'] }), 'DENY'],
    ['a provider', principal('PROVIDER', { providerId: 'p' }), 'DENY'],
    ['an adviser', principal('ADVISER', { municipalities: ['837'] }), 'ALLOW'],
    ['a worker without municipalities', principal('WORKER', { municipalities: [] }), 'DENY'],
    [
      'a system without budgets:read',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
      'DENY',
    ],
    ['anonymous', null, 'DENY'],
  ] as const)('tells an empty budget list to %s: %s', (_label, who, expected) => {
    expect(budgetAccess.couldReadClient(who, essi.clientId)).toBe(expected);
  });
});

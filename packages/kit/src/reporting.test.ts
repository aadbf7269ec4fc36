import {
  isSuppressed,
  mayReadReport,
  reportMunicipalities,
  shareOf,
  unlessSuppressed,
} from './reporting';
import { principal } from './testing/test-principal';

describe('small-group suppression', () => {
  it.each([
    [0, false],
    [1, true],
    [2, true],
    [3, true],
    [4, true],
    [5, false],
    [6, false],
    [5000, false],
  ])('a figure about %i clients is suppressed: %s', (clients, suppressed) => {
    expect(isSuppressed(clients)).toBe(suppressed);
    expect(unlessSuppressed(clients, 'x')).toBe(suppressed ? null : 'x');
  });

  it.each([-1, Number.NaN])('refuses %p as a client count', (clients) => {
    expect(() => isSuppressed(clients)).toThrow(RangeError);
  });

  it.each([
    [5, 20, 0.25],
    [1, 3, 0.3333],
    [0, 10, 0],
    [null, 10, null],
    [5, null, null],
    [5, 0, null],
  ])('shareOf(%p, %p) = %p', (part, whole, share) => {
    expect(shareOf(part, whole)).toBe(share);
  });
});

describe('who may read reports', () => {
  it.each([
    ['organiser of the municipality', principal('ORGANISER', { municipalities: ['887'] }), true],
    [
      'organiser of another municipality',
      principal('ORGANISER', { municipalities: ['837'] }),
      false,
    ],
    [
      'system with reports:read',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['887'], scopes: ['reports:read'] }),
      true,
    ],
    [
      'system without the scope',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['887'], scopes: ['budgets:read'] }),
      false,
    ],
    [
      'system of another municipality',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
      false,
    ],
    ['adviser', principal('ADVISER', { municipalities: ['887'] }), false],
    ['worker', principal('WORKER', { municipalities: ['887'] }), false],
    ['client', principal('CLIENT', { municipalities: ['887'], clientId: 'x' }), false],
    ['team member', principal('TEAM_MEMBER', { municipalities: ['887'] }), false],
    [
      'provider',
      principal('PROVIDER', { municipalities: ['887'], scopes: ['reports:read'] }),
      false,
    ],
    ['nobody', null, false],
  ])('%s: %s', (_name, who, allowed) => {
    expect(mayReadReport(who, '887')).toBe(allowed);
  });

  it('lists only the municipalities the token may read', () => {
    expect(
      reportMunicipalities(principal('ORGANISER', { municipalities: ['887', '922', '887'] })),
    ).toEqual(['887', '922']);
    expect(reportMunicipalities(principal('ADVISER', { municipalities: ['887'] }))).toEqual([]);
    expect(reportMunicipalities(null)).toEqual([]);
  });
});

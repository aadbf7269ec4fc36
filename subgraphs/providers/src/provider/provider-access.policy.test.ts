import { principal } from '@hb/kit/testing';
import type { Principal } from '@hb/kit';
import { providerAccess } from './provider-access.policy';
import { APPROVAL_STATUSES } from './catalogue';

const P = 'p-1';
const who: Array<[string, Principal | null]> = [
  ['anonymous', null],
  ['client', principal('CLIENT', { clientId: 'c1' })],
  ['team member', principal('TEAM_MEMBER', { clientId: 'c1' })],
  ['adviser', principal('ADVISER', { municipalities: ['837'] })],
  ['worker', principal('WORKER', { municipalities: ['837'] })],
  ['organiser', principal('ORGANISER', { municipalities: ['837'] })],
  ['organiser elsewhere', principal('ORGANISER', { municipalities: ['536'] })],
  ['own provider', principal('PROVIDER', { providerId: P })],
  ['other provider', principal('PROVIDER', { providerId: 'p-2' })],
  ['municipal system', principal('MUNICIPAL_SYSTEM', { municipalities: ['837'] })],
];

//                 see unapproved, include unapproved, decide, resubmit, offerings, history
const matrix: Record<string, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  anonymous: [false, false, false, false, false, false],
  client: [false, false, false, false, false, false],
  'team member': [false, false, false, false, false, false],
  adviser: [true, true, false, false, false, false],
  worker: [true, true, false, false, false, false],
  organiser: [true, true, true, false, true, true],
  'organiser elsewhere': [true, true, false, false, false, false],
  'own provider': [true, false, false, true, true, true],
  'other provider': [false, false, false, false, false, false],
  'municipal system': [false, false, false, false, false, false],
};

/** The provider judged in the matrix: it serves Tampere and Pirkkala, not Nokia. */
const area = { id: P, municipalities: ['837', '604'] };

describe('providerAccess', () => {
  it.each(who)('%s', (label, p) => {
    const [seeUnapproved, include, decide, resubmit, offerings, history] = matrix[label]!;
    expect(providerAccess.canSee(p, { id: P, approvalStatus: 'APPROVED' })).toBe(true);
    for (const status of APPROVAL_STATUSES.filter((s) => s !== 'APPROVED')) {
      expect(providerAccess.canSee(p, { id: P, approvalStatus: status })).toBe(seeUnapproved);
    }
    expect(providerAccess.canIncludeUnapproved(p)).toBe(include);
    expect(providerAccess.canDecide(p, area)).toBe(decide);
    expect(providerAccess.canResubmit(p, P)).toBe(resubmit);
    expect(providerAccess.canManageOfferings(p, area)).toBe(offerings);
    expect(providerAccess.canSeeHistory(p, area)).toBe(history);
    expect(providerAccess.canResolveReference(p, { id: P, approvalStatus: 'PENDING' })).toBe(
      p !== null,
    );
    expect(providerAccess.canResolveReference(p, { id: P, approvalStatus: 'APPROVED' })).toBe(true);
  });
});

describe('providerAccess.inOrganiserArea', () => {
  const tampereAndNokia = principal('ORGANISER', { municipalities: ['837', '536'] });
  it.each([
    ['serves one of the area', ['604', '536'], true],
    ['serves several of the area', ['837', '536'], true],
    ['serves only others', ['604', '980'], false],
    ['serves nowhere', [], false],
  ])('a provider that %s: %s', (_label, municipalities, expected) => {
    expect(providerAccess.inOrganiserArea(tampereAndNokia, { id: P, municipalities })).toBe(
      expected,
    );
  });

  it.each([
    ['an organiser without municipalities', principal('ORGANISER', { municipalities: [] })],
    ['an adviser of the area', principal('ADVISER', { municipalities: ['837'] })],
    ['the provider itself', principal('PROVIDER', { providerId: P })],
    ['anonymous', null],
  ])('is never true for %s', (_label, p) => {
    expect(providerAccess.inOrganiserArea(p, { id: P, municipalities: ['837'] })).toBe(false);
  });
});

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
  'own provider': [true, false, false, true, true, true],
  'other provider': [false, false, false, false, false, false],
  'municipal system': [false, false, false, false, false, false],
};

describe('providerAccess', () => {
  it.each(who)('%s', (label, p) => {
    const [seeUnapproved, include, decide, resubmit, offerings, history] = matrix[label]!;
    expect(providerAccess.canSee(p, { id: P, approvalStatus: 'APPROVED' })).toBe(true);
    for (const status of APPROVAL_STATUSES.filter((s) => s !== 'APPROVED')) {
      expect(providerAccess.canSee(p, { id: P, approvalStatus: status })).toBe(seeUnapproved);
    }
    expect(providerAccess.canIncludeUnapproved(p)).toBe(include);
    expect(providerAccess.canDecide(p)).toBe(decide);
    expect(providerAccess.canResubmit(p, P)).toBe(resubmit);
    expect(providerAccess.canManageOfferings(p, P)).toBe(offerings);
    expect(providerAccess.canSeeHistory(p, P)).toBe(history);
    expect(providerAccess.canResolveReference(p, { id: P, approvalStatus: 'PENDING' })).toBe(
      p !== null,
    );
    expect(providerAccess.canResolveReference(p, { id: P, approvalStatus: 'APPROVED' })).toBe(true);
  });
});

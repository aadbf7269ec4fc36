import type { TestPlatform } from './platform';
import { marker } from './flows';
import { must } from './must';

// Team members and their consents, made through the gateway.

export async function addTeamMember(
  platform: TestPlatform,
  token: string,
  clientId: string,
  input: Partial<{
    name: string;
    role: string;
    relation: string;
    email: string;
    phone: string;
  }> = {},
): Promise<{ id: string; name: string }> {
  const payload = await must<{ teamMember: { id: string; name: string } }>(
    platform,
    'addTeamMember',
    `mutation($c: ID!, $i: TeamMemberInput!) { addTeamMember(clientId: $c, input: $i) {
      teamMember { id name } errors { code message field } } }`,
    { c: clientId, i: { name: marker('Jäsen '), role: 'RELATIVE', ...input } },
    token,
  );
  return payload.teamMember;
}

export async function grantConsent(
  platform: TestPlatform,
  token: string,
  clientId: string,
  teamMemberId: string,
  scopes: string[] = ['BUDGET', 'PLAN', 'DOCUMENTS'],
): Promise<{ id: string }> {
  const payload = await must<{ client: { consents: Array<{ id: string; teamMemberId: string }> } }>(
    platform,
    'grantConsent',
    `mutation($c: ID!, $i: ConsentInput!) { grantConsent(clientId: $c, input: $i) {
      client { consents { id teamMemberId } } errors { code message field } } }`,
    { c: clientId, i: { teamMemberId, scopes } },
    token,
  );
  const consent = payload.client.consents.find((c) => c.teamMemberId === teamMemberId);
  if (!consent) throw new Error('grantConsent: the consent is not listed');
  return consent;
}

/**
 * A member who was on the client's team with every consent and has been removed from it: her
 * id still names a real person of the team's history, which a token may carry.
 */
export async function removedTeamMember(
  platform: TestPlatform,
  adviser: string,
  clientId: string,
): Promise<{ id: string; name: string }> {
  const member = await addTeamMember(platform, adviser, clientId);
  await grantConsent(platform, adviser, clientId, member.id);
  await must<{ teamMember: { id: string } }>(
    platform,
    'removeTeamMember',
    `mutation($c: ID!, $m: ID!) { removeTeamMember(clientId: $c, memberId: $m) {
      teamMember { id } errors { code message field } } }`,
    { c: clientId, m: member.id },
    adviser,
  );
  return member;
}

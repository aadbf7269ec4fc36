import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import type { TestPlatform } from './platform';

/** Tokens of the demo world's people, for a test platform. */
export function tokens(platform: TestPlatform) {
  return {
    adviser: () =>
      platform.token({ sub: DEMO.adviserId, role: 'ADVISER', municipalities: [...DEMO.pirkanmaa] }),
    worker: (municipality: string = DEMO.tampere) =>
      platform.token({ sub: DEMO.workerId, role: 'WORKER', municipalities: [municipality] }),
    client: (clientId: string) => platform.token({ sub: clientId, role: 'CLIENT', clientId }),
    teamMember: (memberId: string, clientId: string) =>
      platform.token({ sub: memberId, role: 'TEAM_MEMBER', clientId }),
    organiser: (municipality: string = DEMO.tampere) =>
      platform.token({ sub: DEMO.organiserId, role: 'ORGANISER', municipalities: [municipality] }),
    provider: (providerId: string) =>
      platform.token({ sub: `user-${providerId}`, role: 'PROVIDER', providerId }),
  };
}

/** Creates a client of its own for one test, through the gateway. */
export async function createClient(
  platform: TestPlatform,
  token: string,
  input: Partial<{
    firstName: string;
    lastName: string;
    municipalityCode: string;
    dateOfBirth: string;
  }> = {},
): Promise<{ id: string; firstName: string; lastName: string }> {
  const res = await platform.gql<{
    createClient: {
      client: { id: string; firstName: string; lastName: string } | null;
      errors: unknown[];
    };
  }>(
    `mutation($input: CreateClientInput!) {
      createClient(input: $input) { client { id firstName lastName } errors { code message field } }
    }`,
    {
      input: {
        firstName: 'Testi',
        lastName: `Asiakas-${crypto.randomBytes(3).toString('hex')}`,
        municipalityCode: DEMO.tampere,
        ...input,
      },
    },
    { token },
  );
  const payload = res.data?.createClient;
  if (!payload?.client) throw new Error(`createClient failed: ${JSON.stringify(res)}`);
  return payload.client;
}

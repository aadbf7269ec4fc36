import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { DEMO } from '../demo';
import { PIRKANMAA_ORGANISER_ID } from '../organiser/organisers';
import { signDevToken } from './dev-issuer';
import { ROLES, type Role } from './principal';
import { devIssuerTrusted } from './verifier';

/**
 * `pnpm --silent token <ROLE> [--sub ID] [--municipality CODE]… [--organiser ID] [--client ID]
 * [--provider ID] [--scope S]… [--expires 30m]` prints a development token. Defaults give the
 * demo world's people: CLIENT is Essi, TEAM_MEMBER her team member, ADVISER the HB adviser of
 * Pirkanmaa, ORGANISER and MUNICIPAL_SYSTEM act for Pirkanmaan hyvinvointialue (`--municipality`
 * instead gives an older, municipality-scoped token).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!devIssuerTrusted(config)) {
    throw new Error('An external issuer is configured; the development issuer is off.');
  }
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      sub: { type: 'string' },
      municipality: { type: 'string', multiple: true },
      organiser: { type: 'string' },
      client: { type: 'string' },
      provider: { type: 'string' },
      scope: { type: 'string', multiple: true },
      name: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const role = positionals[0]?.toUpperCase() as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    throw new Error(
      `Usage: pnpm --silent token <${ROLES.join('|')}> [--sub ID] [--municipality CODE] [--organiser ID] [--client ID] [--provider ID] [--scope S]`,
    );
  }
  const defaults: Record<
    Role,
    {
      sub: string;
      municipalities: string[];
      organiserId?: string;
      clientId?: string;
      providerId?: string;
      scopes?: string[];
    }
  > = {
    ADVISER: { sub: DEMO.adviserId, municipalities: [...DEMO.pirkanmaa] },
    WORKER: { sub: DEMO.workerId, municipalities: [DEMO.tampere] },
    ORGANISER: { sub: DEMO.organiserId, municipalities: [], organiserId: PIRKANMAA_ORGANISER_ID },
    CLIENT: { sub: DEMO.essiClientId, municipalities: [], clientId: DEMO.essiClientId },
    TEAM_MEMBER: { sub: DEMO.essiTeamMemberId, municipalities: [], clientId: DEMO.essiClientId },
    PROVIDER: { sub: 'provider-user', municipalities: [], providerId: DEMO.providerId },
    MUNICIPAL_SYSTEM: {
      sub: DEMO.municipalSystemId,
      municipalities: [],
      organiserId: PIRKANMAA_ORGANISER_ID,
      scopes: ['clients:read', 'budgets:read', 'reports:read'],
    },
  };
  const d = defaults[role];
  const clientId = values.client ?? d.clientId;
  const providerId = values.provider ?? d.providerId;
  const scopes = values.scope ?? d.scopes;
  const organiserId = values.organiser ?? (values.municipality ? undefined : d.organiserId);
  const token = await signDevToken(config.DATA_DIR, {
    sub: values.sub ?? (role === 'CLIENT' && values.client ? values.client : d.sub),
    role,
    municipalities: values.municipality ?? d.municipalities,
    ...(organiserId ? { organiserId } : {}),
    ...(clientId ? { clientId } : {}),
    ...(providerId ? { providerId } : {}),
    ...(scopes ? { scopes } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values.expires ? { expiresIn: values.expires } : {}),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

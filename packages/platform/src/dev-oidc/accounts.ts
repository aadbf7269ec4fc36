import { DEMO, PIRKANMAA_ORGANISER_ID, type Role } from '@hb/kit';

/** A demo person who can sign in at the local OpenID provider. */
export interface DemoAccount {
  /** What the person types on the provider's sign-in page. */
  username: string;
  /** The token's subject (the same ids as the demo seeds and `pnpm token`). */
  sub: string;
  name: string;
  role: Role;
  /** Finnish description shown on the sign-in page. */
  title: string;
  municipalities: readonly string[];
  /** ORGANISER: the organiser the person works for (`hb_organiser`). */
  organiserId?: string;
  clientId?: string;
  providerId?: string;
}

/**
 * The demo world's people (packages/kit/src/demo.ts and the seeds) as accounts of the local
 * provider, with the same claims `pnpm token` gives each role.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'hanna',
    sub: DEMO.adviserId,
    name: 'Hanna Neuvonen',
    role: 'ADVISER',
    title: 'HB-neuvoja, HB-keskus (Pirkanmaa)',
    municipalities: DEMO.pirkanmaa,
  },
  {
    username: 'olli',
    sub: DEMO.workerId,
    name: 'Olli Omatyö',
    role: 'WORKER',
    title: 'Omatyöntekijä, Tampere',
    municipalities: [DEMO.tampere],
  },
  {
    username: 'jaana',
    sub: DEMO.organiserId,
    name: 'Jaana Järjestäjä',
    role: 'ORGANISER',
    title: 'Järjestäjä, Pirkanmaan hyvinvointialue',
    // The token's organiser is what the services trust; the list is for the admin UI's session.
    municipalities: DEMO.pirkanmaa,
    organiserId: PIRKANMAA_ORGANISER_ID,
  },
  {
    username: 'essi',
    sub: DEMO.essiClientId,
    name: 'Essi Esimerkki',
    role: 'CLIENT',
    title: 'Asiakas',
    municipalities: [],
    clientId: DEMO.essiClientId,
  },
  {
    username: 'marja',
    sub: DEMO.essiTeamMemberId,
    name: 'Marja Esimerkki',
    role: 'TEAM_MEMBER',
    title: 'Essin tiimin jäsen (läheinen)',
    municipalities: [],
    clientId: DEMO.essiClientId,
  },
  {
    username: 'tuottaja',
    sub: `user-${DEMO.providerId}`,
    name: 'Palveluntuottaja',
    role: 'PROVIDER',
    title: 'Palveluntuottajan käyttäjä',
    municipalities: [],
    providerId: DEMO.providerId,
  },
];

/** The platform's claims of an account (packages/kit/src/auth/principal.ts). */
export function platformClaims(account: DemoAccount): Record<string, unknown> {
  return {
    hb_role: account.role,
    hb_municipalities: [...account.municipalities],
    ...(account.organiserId ? { hb_organiser: account.organiserId } : {}),
    ...(account.clientId ? { hb_client: account.clientId } : {}),
    ...(account.providerId ? { hb_provider: account.providerId } : {}),
    name: account.name,
  };
}

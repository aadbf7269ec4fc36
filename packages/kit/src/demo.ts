/**
 * Fixed identities of the demo data, shared by every service's seed and by the development
 * token command, so that `pnpm token CLIENT` is Essi and a fresh start shows the same world.
 */
export const DEMO = {
  essiClientId: '00000000-0000-4000-8000-000000000e55',
  essiTeamMemberId: '00000000-0000-4000-8000-0000000000a1',
  adviserId: '00000000-0000-4000-8000-00000000ad01',
  workerId: '00000000-0000-4000-8000-00000000a001',
  organiserId: '00000000-0000-4000-8000-00000000a0a0',
  providerId: '00000000-0000-4000-8000-0000000b0001',
  municipalSystemId: 'tampere-municipal-system',
  tampere: '837',
  /** Pirkanmaa's municipalities that the demo HB centre serves (official codes). */
  /** Pirkanmaa's 23 municipalities that the demo HB centre serves (official codes). */
  pirkanmaa: [
    '020',
    '108',
    '143',
    '177',
    '211',
    '250',
    '291',
    '418',
    '508',
    '536',
    '562',
    '581',
    '604',
    '619',
    '635',
    '702',
    '790',
    '837',
    '887',
    '908',
    '922',
    '936',
    '980',
  ],
} as const;

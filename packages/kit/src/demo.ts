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
  pirkanmaa: ['837', '536', '980', '211', '418', '604', '908', '790', '562', '019', '143', '250', '291', '922', '581', '635', '608', '702', '922'].filter(
    (code, index, all) => all.indexOf(code) === index,
  ),
} as const;

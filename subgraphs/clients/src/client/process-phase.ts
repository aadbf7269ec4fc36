/** The six phases of the HB process (DOMAIN.md, "The process"); the cycle repeats. */
export const PROCESS_PHASES = [
  'NEEDS_IDENTIFIED',
  'ASSESSMENT',
  'PLANNING',
  'BUDGET_DEFINITION',
  'DECISIONS',
  'IMPLEMENTATION',
] as const;
export type ProcessPhase = (typeof PROCESS_PHASES)[number];

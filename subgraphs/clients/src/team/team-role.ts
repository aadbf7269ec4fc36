/** Roles in the client's own team, "minun tiimini" (DOMAIN.md, "Who takes part"). */
export const TEAM_ROLES = [
  'RELATIVE',
  'PROFESSIONAL',
  'NGO_WORKER',
  'SUPPORT_PERSON',
  'HB_ADVISER',
  'OTHER',
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

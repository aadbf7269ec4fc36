/** Rows of the plans schema as the services see them (money in integer cents). */

export const PLAN_STATUSES = ['DRAFT', 'ACCEPTED', 'SUPERSEDED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PARTICIPANT_ROLES = [
  'CLIENT',
  'OWN_WORKER',
  'HB_ADVISER',
  'TEAM_MEMBER',
  'OTHER',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface PlanRow {
  id: string;
  clientId: string;
  municipalityCode: string;
  year: number;
  version: number;
  status: PlanStatus;
  supportNeeds: string;
  practicalPlan: string;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  acceptedByRole: string | null;
  acceptedOnBehalf: boolean | null;
  previousVersionId: string | null;
  /** When staff sent the draft to the client for acceptance. */
  sentAt: Date | null;
  sentBy: string | null;
  /** Why staff recorded the acceptance on the client's behalf. */
  acceptedReason: string | null;
  /** The client's proposal the plan was started from. */
  proposalId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface GoalRow {
  id: string;
  planId: string;
  lineageId: string;
  position: number;
  description: string;
  indicator: string | null;
  /** Calendar dates `YYYY-MM-DD`, ascending. */
  reviewDates: string[];
}

export interface GoalReviewRow {
  id: string;
  goalId: string;
  /** The lineage of the reviewed goal: reviews show on every version of the goal. */
  lineageId: string;
  reviewedAt: string;
  attainment: number;
  note: string | null;
  reviewer: string;
}

export interface ParticipantRow {
  id: string;
  planId: string;
  position: number;
  name: string;
  role: ParticipantRole;
  responsibility: string | null;
}

export interface AllocationRow {
  id: string;
  planId: string;
  lineageId: string;
  position: number;
  budgetId: string;
  serviceType: string;
  providerId: string | null;
  offeringId: string | null;
  amountCents: number;
  description: string;
  discretionaryReason: string | null;
}

export interface ProviderSwitchRow {
  id: string;
  allocationLineageId: string;
  planId: string;
  municipalityCode: string;
  serviceType: string;
  fromProvider: string | null;
  toProvider: string;
  reason: string;
  discretionaryReason: string | null;
  actor: string;
  actorRole: string;
  at: Date;
}

export interface FeedbackRow {
  id: string;
  clientId: string;
  municipalityCode: string | null;
  planId: string | null;
  providerId: string | null;
  rating: number;
  text: string;
  authorRole: 'CLIENT' | 'TEAM_MEMBER';
  at: Date;
}

/** A whole version: what is copied when an accepted plan is changed. */
export interface PlanContents {
  goals: Array<Omit<GoalRow, 'id' | 'planId'>>;
  participants: Array<Omit<ParticipantRow, 'id' | 'planId'>>;
  allocations: Array<Omit<AllocationRow, 'id' | 'planId'>>;
}

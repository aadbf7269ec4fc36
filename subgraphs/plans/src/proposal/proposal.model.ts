/** The client's own proposal (oma ehdotus) and self-assessment, as the services see it. */

/** The seeds' assessment themes: daily life, work or day activity, social life, housing, mobility. */
export const ASSESSMENT_THEMES = [
  'DAILY_LIFE',
  'WORK_DAY_ACTIVITY',
  'SOCIAL_LIFE',
  'HOUSING',
  'MOBILITY',
] as const;
export type AssessmentTheme = (typeof ASSESSMENT_THEMES)[number];

export const PROPOSAL_STATUSES = ['DRAFT', 'SUBMITTED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface SelfAssessmentAnswer {
  theme: AssessmentTheme;
  /** How it goes now, in her own judgement: 1 (badly) – 5 (well). */
  rating: number;
  /** Her own words. */
  words: string;
}

export interface ProposalChoice {
  serviceTypeCode: string;
  providerId: string | null;
  note: string;
}

export interface ProposalRow {
  id: string;
  clientId: string;
  wishes: string;
  needs: string;
  goals: string;
  selfAssessment: SelfAssessmentAnswer[];
  choices: ProposalChoice[];
  status: ProposalStatus;
  submittedAt: Date | null;
  updatedByRole: 'CLIENT' | 'TEAM_MEMBER';
  createdAt: Date;
  updatedAt: Date;
}

export interface ProposalDraft {
  wishes?: string | null;
  needs?: string | null;
  goals?: string | null;
  selfAssessment?: Array<{ theme: string; rating: number; words?: string | null }> | null;
  choices?: Array<{
    serviceTypeCode: string;
    providerId?: string | null;
    note?: string | null;
  }> | null;
}

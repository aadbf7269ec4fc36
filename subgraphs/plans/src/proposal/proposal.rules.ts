import { isUuid } from '@hb/kit';
import type { RuleError } from '../plan/plan.rules';
import {
  ASSESSMENT_THEMES,
  type AssessmentTheme,
  type ProposalChoice,
  type ProposalDraft,
  type SelfAssessmentAnswer,
} from './proposal.model';

export const MAX_PROPOSAL_TEXT = 5_000;
export const MAX_WORDS = 2_000;
export const MAX_CHOICES = 20;

const err = (message: string, field: string): RuleError => ({
  code: 'VALIDATION',
  message,
  field,
});

/** Checks a proposal as written; returns the cleaned proposal when there is nothing to fix. */
export function checkProposal(input: ProposalDraft): {
  errors: RuleError[];
  clean: {
    wishes: string;
    needs: string;
    goals: string;
    selfAssessment: SelfAssessmentAnswer[];
    choices: ProposalChoice[];
  };
} {
  const errors: RuleError[] = [];
  for (const key of ['wishes', 'needs', 'goals'] as const) {
    if ((input[key]?.length ?? 0) > MAX_PROPOSAL_TEXT)
      errors.push(err(`At most ${MAX_PROPOSAL_TEXT} characters.`, `input.${key}`));
  }
  const themes = new Set<string>();
  const selfAssessment: SelfAssessmentAnswer[] = [];
  (input.selfAssessment ?? []).forEach((a, i) => {
    const at = `input.selfAssessment[${i}]`;
    if (!(ASSESSMENT_THEMES as readonly string[]).includes(a.theme))
      errors.push(err('Unknown theme.', `${at}.theme`));
    else if (themes.has(a.theme)) errors.push(err('Each theme once.', `${at}.theme`));
    themes.add(a.theme);
    if (!Number.isInteger(a.rating) || a.rating < 1 || a.rating > 5)
      errors.push(err('Rating is from 1 to 5.', `${at}.rating`));
    if ((a.words?.length ?? 0) > MAX_WORDS)
      errors.push(err(`At most ${MAX_WORDS} characters.`, `${at}.words`));
    selfAssessment.push({
      theme: a.theme as AssessmentTheme,
      rating: a.rating,
      words: a.words?.trim() ?? '',
    });
  });
  const choices = input.choices ?? [];
  if (choices.length > MAX_CHOICES)
    errors.push(err(`At most ${MAX_CHOICES} choices.`, 'input.choices'));
  choices.forEach((c, i) => {
    const at = `input.choices[${i}]`;
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(c.serviceTypeCode))
      errors.push(err('Unknown service.', `${at}.serviceTypeCode`));
    if (c.providerId && !isUuid(c.providerId))
      errors.push(err('Unknown provider.', `${at}.providerId`));
    if ((c.note?.length ?? 0) > MAX_WORDS)
      errors.push(err(`At most ${MAX_WORDS} characters.`, `${at}.note`));
  });
  return {
    errors,
    clean: {
      wishes: input.wishes?.trim() ?? '',
      needs: input.needs?.trim() ?? '',
      goals: input.goals?.trim() ?? '',
      selfAssessment,
      choices: choices.map((c) => ({
        serviceTypeCode: c.serviceTypeCode,
        providerId: c.providerId || null,
        note: c.note?.trim() ?? '',
      })),
    },
  };
}

/** A proposal worth submitting says something. */
export function isEmptyProposal(p: {
  wishes: string;
  needs: string;
  goals: string;
  selfAssessment: unknown[];
  choices: unknown[];
}): boolean {
  return (
    !p.wishes && !p.needs && !p.goals && p.selfAssessment.length === 0 && p.choices.length === 0
  );
}

/** The proposal's goals, one per line, as plan goal drafts (at most 50, like a plan). */
export function goalsFromProposal(goals: string): Array<{ description: string }> {
  return goals
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-*•\d.)]+\s*/, '').trim())
    .filter((line) => line.length > 0)
    .slice(0, 50)
    .map((description) => ({ description: description.slice(0, 2_000) }));
}

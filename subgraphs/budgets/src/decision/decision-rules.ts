import { parseIsoDate } from '../domain/calendar';
import type { DecisionLanguage } from '../domain/decision-content';
import type { RuleError } from '../domain';
import type { DecisionDetails } from './decision.types';

/**
 * The checks and defaults of decisions and appeals that need nothing but their input: no
 * database, no GraphQL, so they are table-tested (decision-rules.test.ts).
 */

/** The longest free texts: a detail, demand or note; the reasons of an appeal or outcome. */
export const DECISION_LIMITS = { text: 2000, reasons: 5000 };

/** Checks the free texts of a decision; an error names its `input…` field. */
export function checkDetails(
  d: DecisionDetails | null | undefined,
  prefix = 'input.decision',
): RuleError[] {
  const errors: RuleError[] = [];
  for (const key of ['otherRestrictions', 'ordinaryPart', 'clientFees'] as const) {
    const v = d?.[key];
    if (v && v.length > DECISION_LIMITS.text)
      errors.push({
        code: 'VALIDATION',
        message: `At most ${DECISION_LIMITS.text} characters.`,
        field: `${prefix}.${key}`,
      });
  }
  return errors;
}

/**
 * What is wrong with the end date of a budget of `year` ended on `today`, or null. The ending
 * takes effect when decided (commitments cancel, money lapses now), so a later end date would
 * promise services the budget can no longer pay for.
 */
export function endDateProblem(endDate: string, year: number, today: string): string | null {
  if (!parseIsoDate(endDate)) return 'endDate must be a date (YYYY-MM-DD).';
  if (!endDate.startsWith(`${year}-`)) return `endDate must be in ${year}.`;
  if (endDate > today) return 'endDate cannot be in the future.';
  return null;
}

/** Who decided, when the token carries no name: the office, never an id. */
export function deciderTitle(role: string, language: DecisionLanguage): string {
  const fi = role === 'ADVISER' ? 'HB-neuvoja' : 'Omatyöntekijä';
  const sv = role === 'ADVISER' ? 'HB-rådgivare' : 'Egen arbetare';
  return language === 'sv' ? sv : fi;
}

/** A new text when given (an empty one clears it), else the previous decision's. */
export function carriedOver(
  given: string | null | undefined,
  before: string | null | undefined,
): string | null {
  return given === undefined || given === null ? (before ?? null) : given;
}

/** The language of a decision: the maker's choice, else the previous decision's, else Finnish. */
export function decisionLanguage(
  chosen: DecisionDetails['language'],
  previous: DecisionLanguage | null | undefined,
): DecisionLanguage {
  if (chosen === 'SV') return 'sv';
  if (chosen === 'FI') return 'fi';
  return previous ?? 'fi';
}

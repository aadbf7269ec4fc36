/**
 * The course of a complaint (reklamaatio), pure: which step may follow which, and who takes
 * it. Staff of the client's municipality handle the case; the provider it concerns responds.
 */
export const COMPLAINT_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type ComplaintStep = 'START' | 'PROVIDER_RESPONSE' | 'ANSWER' | 'CLOSE';

const ALLOWED: Record<ComplaintStep, readonly ComplaintStatus[]> = {
  START: ['RECEIVED'],
  // The provider has its say while the centre still handles the case.
  PROVIDER_RESPONSE: ['RECEIVED', 'IN_PROGRESS'],
  // An answer may be corrected until the case is closed.
  ANSWER: ['RECEIVED', 'IN_PROGRESS', 'ANSWERED'],
  CLOSE: ['ANSWERED'],
};

const NEXT: Record<ComplaintStep, (from: ComplaintStatus) => ComplaintStatus> = {
  START: () => 'IN_PROGRESS',
  PROVIDER_RESPONSE: (from) => from,
  ANSWER: () => 'ANSWERED',
  CLOSE: () => 'CLOSED',
};

/** The status after `step`, or null when the step does not fit the case's status. */
export function complaintStep(from: ComplaintStatus, step: ComplaintStep): ComplaintStatus | null {
  return ALLOWED[step].includes(from) ? NEXT[step](from) : null;
}

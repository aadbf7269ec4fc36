import type { DataSource } from 'typeorm';
import { PlanStore } from '../plan/plan.store';
import { ProposalStore } from '../proposal/proposal.store';
import { FeedbackStore } from '../feedback/feedback.store';

/** Stores are stateless and shared by all requests. */
export interface PlansStores {
  db: DataSource;
  plans: PlanStore;
  proposals: ProposalStore;
  feedback: FeedbackStore;
}

export function createStores(db: DataSource): PlansStores {
  return {
    db,
    plans: new PlanStore(db),
    proposals: new ProposalStore(db),
    feedback: new FeedbackStore(db),
  };
}

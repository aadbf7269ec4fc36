import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, Money } from '@hb/kit';
import type { PlansContext } from '../shared/context.types';
import { Budget, Client, Offering, Provider, ServiceType } from '../external/external.types';
import type { AllocationRow, GoalRow, PlanRow, ProviderSwitchRow } from './plan.model';
import {
  Allocation,
  FeedbackInput,
  FeedbackPayload,
  Goal,
  GoalReview,
  ImplementationPlan,
  PlanChange,
  PlanParticipant,
  PlanPayload,
  PlanRevisionFinding,
  ProviderSwitch,
} from './plan.type';
import { AllocationInput, CreatePlanInput, GoalReviewInput, UpdatePlanInput } from './plan.input';

/** Thin: every rule and authorization check is in the services. */
@Resolver(() => ImplementationPlan)
export class PlanResolver {
  @Query(() => ImplementationPlan, {
    nullable: true,
    description: 'Yksi toteutussuunnitelman versio.',
  })
  plan(@Arg('id', () => ID) id: string, @Ctx() ctx: PlansContext) {
    return ctx.plans.get(id);
  }

  @FieldResolver(() => Client)
  client(@Root() plan: PlanRow) {
    return { id: plan.clientId };
  }

  @FieldResolver(() => ImplementationPlan, { nullable: true, description: 'Edellinen versio.' })
  previousVersion(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.plans.previousVersion(plan);
  }

  @FieldResolver(() => [Goal], { description: 'Tavoitteet.' })
  goals(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.loaders.goals.load(plan.id);
  }

  @FieldResolver(() => [PlanParticipant], { description: 'Osallistujat ja roolit.' })
  participants(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.loaders.participants.load(plan.id);
  }

  @FieldResolver(() => [Allocation], {
    description: 'Budjetin jakautuminen palveluihin ja tuottajiin.',
  })
  allocations(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.loaders.allocations.load(plan.id);
  }

  @FieldResolver(() => [PlanChange], {
    description: 'Mitä muuttui edelliseen versioon verrattuna (tyhjä ensimmäiselle).',
  })
  changes(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.plans.changes(plan);
  }

  @FieldResolver(() => [PlanRevisionFinding], {
    description:
      'Tarkistettava: allocations that no longer fit their budgets or providers as they are now.',
  })
  revisionFindings(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.plans.revisionFindings(plan);
  }

  @FieldResolver(() => Boolean, { description: 'True when the plan needs revision.' })
  async needsRevision(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return (await ctx.plans.revisionFindings(plan)).length > 0;
  }

  @Mutation(() => PlanPayload, { description: 'Lähettää luonnoksen asiakkaalle hyväksyttäväksi.' })
  sendPlan(@Arg('planId', () => ID) planId: string, @Ctx() ctx: PlansContext) {
    return ctx.plans.send(planId);
  }

  @Mutation(() => PlanPayload, { description: 'Luo toteutussuunnitelman luonnoksen.' })
  createPlan(
    @Arg('input', () => CreatePlanInput) input: CreatePlanInput,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.plans.create(input);
  }

  @Mutation(() => PlanPayload, {
    description: 'Muuttaa suunnitelmaa; hyväksytystä syntyy uusi versio.',
  })
  updatePlan(
    @Arg('planId', () => ID) planId: string,
    @Arg('input', () => UpdatePlanInput) input: UpdatePlanInput,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.plans.update(planId, input);
  }

  @Mutation(() => PlanPayload, {
    description: 'Asettaa budjettien kohdennukset; hyväksytystä syntyy uusi versio.',
  })
  setAllocations(
    @Arg('planId', () => ID) planId: string,
    @Arg('allocations', () => [AllocationInput]) allocations: AllocationInput[],
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.plans.setAllocations(planId, allocations);
  }

  @Mutation(() => PlanPayload, {
    description: 'Asiakas hyväksyy suunnitelman (tai henkilöstö hänen puolestaan).',
  })
  acceptPlan(
    @Arg('planId', () => ID) planId: string,
    @Ctx() ctx: PlansContext,
    @Arg('onBehalfReason', () => String, {
      nullable: true,
      description: "Needed when staff accept on the client's behalf.",
    })
    onBehalfReason?: string,
  ) {
    return ctx.plans.accept(planId, onBehalfReason);
  }

  @Mutation(() => PlanPayload, { description: 'Kirjaa tavoitteen arvioinnin.' })
  reviewGoal(
    @Arg('goalId', () => ID) goalId: string,
    @Arg('input', () => GoalReviewInput) input: GoalReviewInput,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.plans.reviewGoal(goalId, input);
  }

  @Mutation(() => PlanPayload, {
    description: 'Vaihtaa kohdennuksen palveluntuottajan ja kirjaa syyn.',
  })
  switchProvider(
    @Arg('allocationId', () => ID) allocationId: string,
    @Arg('providerId', () => ID) providerId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: PlansContext,
    @Arg('discretionaryReason', () => String, {
      nullable: true,
      description: 'Needed for a provider the organiser has not approved.',
    })
    discretionaryReason?: string,
    @Arg('offeringId', () => ID, { nullable: true }) offeringId?: string,
  ) {
    return ctx.plans.switchProvider({
      allocationId,
      providerId,
      reason,
      discretionaryReason,
      offeringId,
    });
  }

  @Mutation(() => FeedbackPayload, {
    description: 'Antaa palautetta suunnitelmasta tai tuottajasta (anonyymi raporteissa).',
  })
  submitFeedback(
    @Arg('input', () => FeedbackInput) input: FeedbackInput,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.feedback.submit(input);
  }
}

@Resolver(() => Goal)
export class GoalResolver {
  @FieldResolver(() => [GoalReview], { description: 'Arvioinnit, myös aiempien versioiden.' })
  reviews(@Root() goal: GoalRow, @Ctx() ctx: PlansContext) {
    return ctx.loaders.reviews.load(goal.lineageId);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Seuraava erääntyvä arviointi.' })
  async nextReviewDue(@Root() goal: GoalRow, @Ctx() ctx: PlansContext) {
    return (await ctx.plans.followUp(goal)).nextReviewDue;
  }

  @FieldResolver(() => Boolean, {
    description: 'True when a review date has passed without a review.',
  })
  async overdue(@Root() goal: GoalRow, @Ctx() ctx: PlansContext) {
    return (await ctx.plans.followUp(goal)).overdue;
  }
}

@Resolver(() => Allocation)
export class AllocationResolver {
  @FieldResolver(() => Budget)
  budget(@Root() a: AllocationRow) {
    return { id: a.budgetId };
  }

  @FieldResolver(() => ServiceType)
  serviceType(@Root() a: AllocationRow) {
    return { code: a.serviceType };
  }

  @FieldResolver(() => Provider, { nullable: true })
  provider(@Root() a: AllocationRow) {
    return a.providerId ? { id: a.providerId } : null;
  }

  @FieldResolver(() => Offering, { nullable: true })
  offering(@Root() a: AllocationRow) {
    return a.offeringId ? { id: a.offeringId } : null;
  }

  @FieldResolver(() => Money)
  amount(@Root() a: AllocationRow) {
    return Money.fromCents(a.amountCents);
  }

  @FieldResolver(() => [ProviderSwitch], { description: 'Tuottajan vaihdot ja syyt.' })
  switches(@Root() a: AllocationRow, @Ctx() ctx: PlansContext) {
    return ctx.loaders.switches.load(a.lineageId);
  }
}

@Resolver(() => ProviderSwitch)
export class ProviderSwitchResolver {
  @FieldResolver(() => Provider, { nullable: true })
  fromProvider(@Root() s: ProviderSwitchRow) {
    return s.fromProvider ? { id: s.fromProvider } : null;
  }

  @FieldResolver(() => Provider)
  toProvider(@Root() s: ProviderSwitchRow) {
    return { id: s.toProvider };
  }

  @FieldResolver(() => ServiceType)
  serviceType(@Root() s: ProviderSwitchRow) {
    return { code: s.serviceType };
  }
}

@Resolver(() => Client)
export class ClientPlansResolver {
  @FieldResolver(() => [ImplementationPlan], {
    description: 'Asiakkaan toteutussuunnitelmat, kaikki versiot.',
  })
  plans(@Root() client: Client, @Ctx() ctx: PlansContext) {
    return ctx.plans.plansOfClient(client.id);
  }
}

@Resolver(() => Budget)
export class BudgetAllocationsResolver {
  @FieldResolver(() => [Allocation], {
    description: 'Voimassa olevien suunnitelmien kohdennukset tähän budjettiin.',
  })
  allocations(@Root() budget: Budget, @Ctx() ctx: PlansContext) {
    return ctx.plans.allocationsOfBudget(budget.id);
  }
}

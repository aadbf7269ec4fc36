import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PlansContext } from '../shared/context.types';
import { Client, Provider } from '../external/external.types';
import { ImplementationPlan } from '../plan/plan.type';
import { feedbackAccess } from './feedback.policy';
import type { ComplaintRow, FeedbackEntryRow } from './feedback.model';
import {
  AnswerFeedbackPayload,
  Complaint,
  ComplaintConnection,
  ComplaintFilter,
  ComplaintInput,
  ComplaintPayload,
  FeedbackConnection,
  FeedbackEntry,
  FeedbackFilter,
} from './feedback.type';

/** Thin: the rules are in FeedbackService and ComplaintService. */
@Resolver(() => FeedbackEntry)
export class FeedbackEntryResolver {
  @Query(() => FeedbackConnection, {
    description: 'Palautteet HB-keskukselle (neuvojat ja omatyöntekijät), uusin ensin.',
  })
  feedback(
    @Ctx() ctx: PlansContext,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter?: FeedbackFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.feedback.list(filter ?? {}, first, after);
  }

  @Mutation(() => AnswerFeedbackPayload, { description: 'HB-keskus vastaa palautteeseen.' })
  answerFeedback(
    @Arg('feedbackId', () => ID) feedbackId: string,
    @Arg('answer', () => String) answer: string,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.feedback.answer(feedbackId, answer);
  }

  @FieldResolver(() => Client, { nullable: true, description: 'Null when anonymous.' })
  client(@Root() f: FeedbackEntryRow) {
    return f.anonymous ? null : { id: f.clientId };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'CLIENT or TEAM_MEMBER; null when anonymous.',
  })
  authorRole(@Root() f: FeedbackEntryRow) {
    return f.anonymous ? null : f.authorRole;
  }

  @FieldResolver(() => Provider, { nullable: true })
  provider(@Root() f: FeedbackEntryRow) {
    return f.providerId ? { id: f.providerId } : null;
  }

  @FieldResolver(() => ImplementationPlan, { nullable: true })
  plan(@Root() f: FeedbackEntryRow, @Ctx() ctx: PlansContext) {
    return f.planId && !f.anonymous ? ctx.plans.get(f.planId) : null;
  }
}

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, {
    description:
      'Reklamaatiot: staff of the municipalities, a provider its own, a client her own; newest first.',
  })
  complaints(
    @Ctx() ctx: PlansContext,
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter?: ComplaintFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.complaints.list(filter ?? {}, first, after);
  }

  @Query(() => Complaint, { nullable: true })
  complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: PlansContext) {
    return ctx.complaints.get(id);
  }

  @FieldResolver(() => Client, {
    nullable: true,
    description:
      'The complainant: staff handling the case and the client herself, never the provider.',
  })
  client(@Root() c: ComplaintRow, @Ctx() ctx: PlansContext) {
    return feedbackAccess.canSeeComplainant(ctx.principal, c) ? { id: c.clientId } : null;
  }

  @FieldResolver(() => Provider, { nullable: true })
  provider(@Root() c: ComplaintRow) {
    return c.providerId ? { id: c.providerId } : null;
  }

  @Mutation(() => ComplaintPayload, {
    description: 'Asiakas (tai tiimin jäsen) tekee reklamaation tuottajasta tai HB-keskuksesta.',
  })
  fileComplaint(
    @Arg('input', () => ComplaintInput) input: ComplaintInput,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.complaints.file(input);
  }

  @Mutation(() => ComplaintPayload, { description: 'HB-keskus ottaa reklamaation käsittelyyn.' })
  startComplaintHandling(@Arg('complaintId', () => ID) id: string, @Ctx() ctx: PlansContext) {
    return ctx.complaints.start(id);
  }

  @Mutation(() => ComplaintPayload, { description: 'Palveluntuottajan vastine reklamaatioon.' })
  respondToComplaint(
    @Arg('complaintId', () => ID) id: string,
    @Arg('response', () => String) response: string,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.complaints.respond(id, response);
  }

  @Mutation(() => ComplaintPayload, { description: 'HB-keskus vastaa reklamaatioon.' })
  answerComplaint(
    @Arg('complaintId', () => ID) id: string,
    @Arg('answer', () => String) answer: string,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.complaints.answer(id, answer);
  }

  @Mutation(() => ComplaintPayload, { description: 'HB-keskus sulkee vastatun reklamaation.' })
  closeComplaint(@Arg('complaintId', () => ID) id: string, @Ctx() ctx: PlansContext) {
    return ctx.complaints.close(id);
  }
}

import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { DateTimeScalar } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import { BudgetAlert } from '../budget/budget.type';
import { audiencesOf, plainMessageOf } from './alert-lifecycle';
import type { AlertRow } from './alert.store';
import { AlertAudienceEnum, AlertPayload, AlertStatusEnum } from './alert.type';

/** Thin: the lifecycle is in alert-lifecycle.ts, authorization in AlertService. */
@Resolver(() => BudgetAlert)
export class AlertResolver {
  @Mutation(() => AlertPayload, {
    description:
      'Kuittaa hälytys: an HB adviser or own worker of the municipality marks an open alert seen, with a note.',
  })
  acknowledgeAlert(
    @Arg('alertId', () => ID) alertId: string,
    @Arg('note') note: string,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.alerts.acknowledge(alertId, note);
  }

  @FieldResolver(() => AlertStatusEnum)
  status(@Root() alert: AlertRow) {
    return alert.status;
  }

  @FieldResolver(() => DateTimeScalar, {
    description: 'When the text (its numbers) was last brought up to date.',
  })
  updatedAt(@Root() alert: AlertRow) {
    return alert.updatedAt;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true })
  resolvedAt(@Root() alert: AlertRow) {
    return alert.resolvedAt;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true })
  acknowledgedAt(@Root() alert: AlertRow) {
    return alert.acknowledgedAt;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Kuittauksen muistiinpano – staff only (null for clients, teams and systems).',
  })
  acknowledgementNote(@Root() alert: AlertRow, @Ctx() ctx: BudgetsContext) {
    const role = ctx.principal?.role;
    return role === 'ADVISER' || role === 'WORKER' ? alert.acknowledgementNote : null;
  }

  @FieldResolver(() => [AlertAudienceEnum], { description: 'Kenelle hälytys on osoitettu.' })
  addressedTo(@Root() alert: AlertRow) {
    return audiencesOf(alert.kind);
  }

  @FieldResolver(() => String, {
    description: 'The alert in plain language, for the client and her team.',
  })
  plainMessage(@Root() alert: AlertRow) {
    return plainMessageOf(alert.kind);
  }
}

import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import {
  NotificationSettings,
  NotificationSettingsInput,
  NotificationSettingsPayload,
} from './notification.type';

/** Thin: who may is in NotificationService. */
@Resolver(() => NotificationSettings)
export class NotificationResolver {
  @Query(() => NotificationSettings, { nullable: true, description: 'Omat ilmoitusasetukset.' })
  myNotificationSettings(@Ctx() ctx: BudgetsContext) {
    return ctx.notifications.mine();
  }

  @Mutation(() => NotificationSettingsPayload, {
    description: 'E-mail about your inbox: on or off, hourly (default) or daily digest.',
  })
  setNotificationSettings(
    @Arg('input', () => NotificationSettingsInput) input: NotificationSettingsInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.notifications.save(input);
  }
}

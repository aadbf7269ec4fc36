import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { InboxConnection, InboxItem } from './inbox.type';
import type { InboxItemRow } from './inbox.store';

/** Thin: who reads what is in InboxService. */
@Resolver(() => InboxItem)
export class InboxResolver {
  @Query(() => InboxConnection, {
    description: 'Saapuneet: alerts and concerns addressed to you, newest first.',
  })
  inbox(
    @Ctx() ctx: BudgetsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.inbox.inbox(first, after);
  }

  @Mutation(() => Boolean, { description: 'Merkitse luetuksi – an item of your own inbox.' })
  markInboxItemRead(@Arg('itemId', () => ID) itemId: string, @Ctx() ctx: BudgetsContext) {
    return ctx.inbox.markRead(itemId);
  }

  @Mutation(() => Boolean, {
    description:
      'Reads the client’s named own worker and HB adviser from the clients subgraph, so her later alerts and concerns are addressed to them (the clients subgraph calls it after each assignment; HB advisers and own workers of her municipality).',
  })
  syncClientStaff(@Arg('clientId', () => ID) clientId: string, @Ctx() ctx: BudgetsContext) {
    return ctx.inbox.syncClientStaff(clientId);
  }

  @FieldResolver()
  client(@Root() item: InboxItemRow) {
    return { __typename: 'Client', id: item.clientId };
  }
}

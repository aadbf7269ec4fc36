import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import type { CaseloadOrder, CaseloadRow } from './caseload.store';
import {
  CaseloadConnection,
  CaseloadEntry,
  CaseloadFilter,
  CaseloadOrderEnum,
} from './caseload.type';

/** Thin: ordering, paging and authorization are in CaseloadService. */
@Resolver(() => CaseloadEntry)
export class CaseloadResolver {
  @Query(() => CaseloadConnection, {
    description:
      'Asiakaslista: the clients of your municipalities with whatever needs attention, ordered and paged on the server (HB advisers and own workers).',
  })
  caseload(
    @Ctx() ctx: BudgetsContext,
    @Arg('filter', () => CaseloadFilter, { nullable: true }) filter?: CaseloadFilter,
    @Arg('orderBy', () => CaseloadOrderEnum, { nullable: true }) orderBy?: CaseloadOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.caseload.caseload(filter, orderBy, first, after);
  }

  @FieldResolver()
  async budgets(@Root() entry: CaseloadRow, @Ctx() ctx: BudgetsContext) {
    const budgets = await Promise.all(entry.budgetIds.map((id) => ctx.budgets.get(id)));
    return budgets.filter((b) => b !== null);
  }
}

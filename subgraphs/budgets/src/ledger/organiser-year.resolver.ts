import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { CloseOrganiserYearPayload } from './organiser-year.type';

@Resolver()
export class OrganiserYearResolver {
  @Mutation(() => CloseOrganiserYearPayload, {
    description:
      'Vuoden päättäminen koko alueella: closes the open budgets of the year in every municipality of the organiser (default: the token’s); unused money lapses to the organiser.',
  })
  closeOrganiserYear(
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: BudgetsContext,
    @Arg('organiserId', () => ID, { nullable: true }) organiserId?: string,
  ) {
    return ctx.yearEnd.closeOrganiserYear(organiserId, year);
  }
}

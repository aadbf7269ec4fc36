import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { withServedServiceTypes } from './served-service-types';
import {
  Report,
  ReportAlert,
  ReportCost,
  ReportForecast,
  ReportGroupCost,
  ReportGroupMembers,
  ReportProvider,
} from './report.type';
import type { ReportKey } from './report-key';

/** Thin: authorization and suppression are in ReportService. */
@Resolver(() => Report)
export class ReportResolver {
  @Query(() => Report, {
    nullable: true,
    description:
      'Järjestäjän vuosiraportti: organiser staff of the municipality, or a municipal system with reports:read.',
  })
  report(
    @Arg('municipalityCode', () => ID) municipalityCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.reports.get(municipalityCode, year);
  }

  @Query(() => [Report], { description: 'The reports of every municipality the token may read.' })
  reports(@Arg('year', () => Int) year: number, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.list(year);
  }

  @Query(() => ReportForecast, {
    nullable: true,
    description:
      'Ennuste yhteensä: the year-end forecast summed over every municipality the token may read (as reports(year) lists them); null before the year begins.',
  })
  reportsForecast(@Arg('year', () => Int) year: number, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.forecastTotal(year);
  }

  @FieldResolver(() => ReportForecast, {
    nullable: true,
    description:
      'Ennuste: what will lapse at year end in this municipality, at the year-to-date pace; null before the year begins.',
  })
  forecast(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.forecast(key);
  }

  @FieldResolver(() => Int, {
    description: 'Figures about fewer clients than this (but at least one) are suppressed.',
  })
  minGroupSize(@Ctx() ctx: BudgetsContext) {
    return ctx.reports.minGroupSize();
  }

  @Directive('@inaccessible')
  @FieldResolver(() => [ReportGroupMembers], {
    description: 'Internal: the clients of each client group, for Report.goalsByGroup.',
  })
  groupMembers(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.groupMembers(key);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'HB-asiakkaat: distinct clients with a decided budget of the year (totalCost.clientCount); null when 1–4 or when the total row is hidden.',
  })
  hbClientCount(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.hbClientCount(key);
  }

  @FieldResolver(() => [ReportCost], { description: 'Vuosikustannus palveluittain.' })
  async costs(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    const rows = await ctx.reports.costs(key);
    return withServedServiceTypes(rows, ctx);
  }

  @FieldResolver(() => [ReportGroupCost], {
    description: 'Vuosikustannus palveluittain ja asiakasryhmittäin (HB-luokka).',
  })
  async costsByGroup(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    const rows = await ctx.reports.costsByGroup(key);
    return withServedServiceTypes(rows, ctx);
  }

  @FieldResolver(() => ReportCost, { description: 'Vuosikustannus yhteensä.' })
  totalCost(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.totalCost(key);
  }

  @FieldResolver(() => [ReportProvider], {
    description: 'Asiakkaat ja rahat palveluntuottajittain.',
  })
  providers(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.providers(key);
  }

  @FieldResolver(() => [ReportAlert], { description: 'Avoimet hälytykset lajeittain.' })
  alerts(@Root() key: ReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.reports.alerts(key);
  }
}

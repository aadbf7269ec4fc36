import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { withServedServiceTypes } from './served-service-types';
import { Organiser, OrganiserReport } from './organiser-report.type';
import { Report, ReportCost, ReportForecast } from './report.type';
import type { OrganiserReportKey } from './report-key';

/** Thin: authorization and suppression are in OrganiserReportService and ReportService. */
@Resolver(() => OrganiserReport)
export class OrganiserReportResolver {
  @Query(() => OrganiserReport, {
    description:
      'Järjestäjän vuosiraportti koko alueelta: organiser staff acting for the organiser, or its municipal system with reports:read. organiserId defaults to the token’s organiser.',
  })
  organiserReport(
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: BudgetsContext,
    @Arg('organiserId', () => ID, { nullable: true }) organiserId?: string,
  ) {
    return ctx.organiserReports.get(year, organiserId);
  }

  @FieldResolver(() => Organiser)
  organiser(@Root() key: OrganiserReportKey) {
    return { id: key.organiserId };
  }

  @FieldResolver(() => Int, {
    description: 'Figures about fewer clients than this (but at least one) are suppressed.',
  })
  minGroupSize(@Ctx() ctx: BudgetsContext) {
    return ctx.reports.minGroupSize();
  }

  @FieldResolver(() => ReportCost, {
    description:
      'Vuosikustannus koko alueelta: the sum over the organiser’s municipalities; hidden when small, or when with the municipalities’ own shown figures it would give back a hidden one.',
  })
  totalCost(@Root() key: OrganiserReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.organiserReports.totalCost(key);
  }

  @FieldResolver(() => [ReportCost], {
    description: 'Vuosikustannus palveluittain koko alueelta, under the same rule as totalCost.',
  })
  async costs(@Root() key: OrganiserReportKey, @Ctx() ctx: BudgetsContext) {
    const rows = await ctx.organiserReports.costs(key);
    return withServedServiceTypes(rows, ctx);
  }

  @FieldResolver(() => ReportForecast, {
    nullable: true,
    description:
      'Ennuste koko alueelta: the year-end forecast summed over the organiser’s municipalities; null before the year begins.',
  })
  forecast(@Root() key: OrganiserReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.organiserReports.forecast(key);
  }

  @FieldResolver(() => [Report], {
    description:
      'Kunnittain: the report of each of the organiser’s municipalities (each with its own suppression).',
  })
  municipalities(@Root() key: OrganiserReportKey, @Ctx() ctx: BudgetsContext) {
    return ctx.organiserReports.municipalities(key);
  }
}

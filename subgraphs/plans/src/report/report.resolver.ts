import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PlansContext } from '../shared/context.types';
import { Provider } from '../external/external.types';
import {
  Report,
  ReportFeedback,
  ReportGoals,
  ReportGroupGoals,
  ReportProviderQuality,
  ReportSwitches,
} from './report.type';
import type { GroupMembers, ReportKey } from './report.service';

@Resolver(() => Report)
export class PlanReportResolver {
  @Query(() => ReportSwitches, {
    description:
      'Palveluntuottajan vaihdot ja niiden syyt – the same figures as report.providerSwitches, for the same readers: organiser staff of the municipality and municipal systems with reports:read. Counts only, small groups suppressed; never a single switch or a rare reason.',
  })
  providerSwitchReport(
    @Arg('municipalityCode', () => ID) municipalityCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.reports.switches({ municipalityCode, year });
  }

  @FieldResolver(() => ReportSwitches, { description: 'Palveluntuottajan vaihdot syineen.' })
  providerSwitches(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.switches(key);
  }

  @FieldResolver(() => ReportGoals, { description: 'Tavoitteiden toteutuminen.' })
  goals(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.goals(key);
  }

  @Directive(
    '@requires(fields: "groupMembers { serviceTypeCode classLevel individual costSuppressed clientIds }")',
  )
  @FieldResolver(() => [ReportGroupGoals], {
    description:
      'Tavoitteiden toteutuminen asiakasryhmittäin: goal attainment per client group (service type and HB class) to read beside costsByGroup, under the same small-group rules.',
  })
  goalsByGroup(
    @Root() key: ReportKey & { groupMembers?: GroupMembers[] | null },
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.reports.goalsByGroup(key);
  }

  @FieldResolver(() => [ReportFeedback], { description: 'Nimetön palaute (ei tekstejä).' })
  feedback(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.feedback(key);
  }

  @FieldResolver(() => [ReportProviderQuality], {
    description: 'Laatu palveluntuottajittain: arvosana ja reklamaatiot.',
  })
  providerQuality(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.providerQuality(key);
  }
}

@Resolver(() => ReportProviderQuality)
export class ReportProviderQualityResolver {
  @FieldResolver(() => Provider)
  provider(@Root() row: { providerId: string }) {
    return { id: row.providerId };
  }
}

import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PlansContext } from '../context';
import { Report, ReportFeedback, ReportGoals, ReportSwitches } from './report.type';
import type { ReportKey } from './report.service';

@Resolver(() => Report)
export class PlanReportResolver {
  @FieldResolver(() => ReportSwitches, { description: 'Palveluntuottajan vaihdot syineen.' })
  providerSwitches(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.switches(key);
  }

  @FieldResolver(() => ReportGoals, { description: 'Tavoitteiden toteutuminen.' })
  goals(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.goals(key);
  }

  @FieldResolver(() => [ReportFeedback], { description: 'Nimetön palaute (ei tekstejä).' })
  feedback(@Root() key: ReportKey, @Ctx() ctx: PlansContext) {
    return ctx.reports.feedback(key);
  }
}

import { Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { ClientsContext } from '../shared/context.types';
import { Report } from './report.type';
import type { ReportRef } from './report.service';

@Resolver(() => Report)
export class ClientReportResolver {
  @FieldResolver(() => Int, { nullable: true })
  clientCount(@Root() ref: ReportRef, @Ctx() ctx: ClientsContext) {
    return ctx.reports.clientCount(ref);
  }

  @FieldResolver(() => Float, { nullable: true })
  hbShare(@Root() ref: ReportRef, @Ctx() ctx: ClientsContext) {
    return ctx.reports.hbShare(ref);
  }
}

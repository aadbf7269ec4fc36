import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import {
  BudgetCalculation,
  BudgetCalculationInput,
  HbClass,
  HbClassPayload,
  ServiceType,
} from '../budget/budget.type';
import type { HbClassRow, ServiceTypeRow } from './catalog.store';

@Resolver(() => ServiceType)
export class ServiceTypeResolver {
  @Query(() => [ServiceType], { description: 'Palvelut, joissa HB on mahdollinen.' })
  serviceTypes(@Ctx() ctx: BudgetsContext) {
    return ctx.catalog.serviceTypes();
  }

  @FieldResolver(() => [HbClass], {
    description: 'HB-luokat kunnassa, arvot vuodelle (oletus: kuluva vuosi).',
  })
  classes(
    @Root() type: ServiceTypeRow,
    @Arg('municipalityCode', () => ID) municipalityCode: string,
    @Ctx() ctx: BudgetsContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return ctx.catalog.classes(type.code, municipalityCode, year);
  }

  @Query(() => BudgetCalculation, {
    description: 'Budjettilaskelma: a pure preview, nothing is stored.',
  })
  calculateBudget(
    @Arg('input', () => BudgetCalculationInput) input: BudgetCalculationInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.catalog.calculate(input);
  }

  @Mutation(() => HbClassPayload, {
    description: 'Järjestäjä asettaa HB-luokan arvon vuodesta alkaen.',
  })
  setHbClassPrice(
    @Arg('hbClassId', () => ID) hbClassId: string,
    @Arg('unitPrice', () => String) unitPrice: string,
    @Ctx() ctx: BudgetsContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return ctx.catalog.setPrice(hbClassId, year, unitPrice);
  }
}

@Resolver(() => HbClass)
export class HbClassResolver {
  @FieldResolver(() => ServiceType)
  serviceType(@Root() cls: HbClassRow, @Ctx() ctx: BudgetsContext) {
    return ctx.loaders.serviceType.load(cls.serviceTypeCode);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'Arvo; null when the class has no value yet.',
  })
  unitPrice(@Root() cls: HbClassRow) {
    return cls.unitPriceCents === null ? null : Money.fromCents(cls.unitPriceCents);
  }

  @FieldResolver(() => ID)
  municipalityCode(@Root() cls: HbClassRow) {
    return cls.municipalityCode;
  }
}

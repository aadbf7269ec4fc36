import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Money, UserError } from '@hb/kit';
import { CloseYearPayload } from '../budget/budget.type';

@ObjectType({
  description:
    'Vuoden päättäminen koko alueella: the year closed in every municipality of the organiser.',
})
export class CloseOrganiserYearPayload {
  @Field(() => ID)
  organiserId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Budgets closed by this call in all the municipalities.' })
  closedCount!: number;

  @Field(() => Money, { description: 'Raukeava määrä – returned to the organiser by this call.' })
  lapsed!: Money;

  @Field(() => [CloseYearPayload], { description: 'Kunnittain: what each municipality closed.' })
  municipalities!: CloseYearPayload[];

  @Field(() => [UserError])
  errors!: UserError[];
}

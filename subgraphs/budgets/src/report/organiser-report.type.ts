import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The clients subgraph owns organisers; the organiser's report only points at one. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Organiser {
  @Field(() => ID)
  id!: string;
}

@ObjectType({
  description:
    'Järjestäjän raportti – the yearly report of an organiser (a wellbeing services county or a city): organiser-wide figures and the breakdown by municipality, under the same small-group rules.',
})
export class OrganiserReport {
  @Field(() => Int)
  year!: number;
}

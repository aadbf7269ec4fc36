import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

/**
 * Raportti – owned by the budgets subgraph; this subgraph adds the number of all clients of
 * the municipality and the HB share (it needs the budgets subgraph's `hbClientCount`).
 */
@Directive('@key(fields: "municipalityCode year")')
@ObjectType({ description: 'Järjestäjän raportti – owned by the budgets subgraph.' })
export class Report {
  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => Int)
  year!: number;

  @Directive('@external')
  @Field(() => Int, { nullable: true })
  hbClientCount?: number | null;

  @Directive('@requires(fields: "hbClientCount")')
  @Field(() => Int, {
    nullable: true,
    description:
      'Kaikki asiakkaat: every client of the municipality now; null when 1–4, or when it minus hbClientCount would be 1–4.',
  })
  clientCount?: number | null;

  @Directive('@requires(fields: "hbClientCount")')
  @Field(() => Float, {
    nullable: true,
    description:
      'HB:n osuus: hbClientCount / clientCount (0–1, 4 decimals); null when either is suppressed or there are no clients.',
  })
  hbShare?: number | null;
}

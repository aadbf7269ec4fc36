import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, Money, PageInfo, enumOf } from '@hb/kit';
import { AlertKindEnum, Budget, Client } from '../budget/budget.type';

export const CaseloadOrderEnum = enumOf([
  'WAITING_CHARGES',
  'OPEN_ALERTS',
  'USE_AHEAD',
  'USE_BEHIND',
  'PLANS_WAITING',
  'OVERDUE_REVIEWS',
] as const);
registerEnumType(CaseloadOrderEnum, {
  name: 'CaseloadOrder',
  description: 'Asiakaslistan järjestys – who needs attention first.',
  valuesConfig: {
    WAITING_CHARGES: { description: 'Eniten vahvistusta odottavia veloituksia ensin' },
    OPEN_ALERTS: { description: 'Eniten avoimia hälytyksiä ensin' },
    USE_AHEAD: { description: 'Käyttö eniten edellä kulunutta vuotta ensin' },
    USE_BEHIND: { description: 'Käyttö eniten jäljessä kulunutta vuotta ensin' },
    PLANS_WAITING: {
      description:
        'Eniten hyväksyntää tai korjausta odottavia suunnitelmia ensin (from the plans subgraph)',
    },
    OVERDUE_REVIEWS: {
      description: 'Eniten myöhässä olevia tavoitteiden arviointeja ensin (plans subgraph)',
    },
  },
});

@InputType({ description: 'Asiakaslistan rajaus; every given condition must hold.' })
export class CaseloadFilter {
  @Field(() => String, {
    nullable: true,
    description: 'One of your municipalities (default: all of them).',
  })
  municipalityCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Budget year (default: this year).' })
  year?: number | null;

  @Field(() => Boolean, { nullable: true })
  hasWaitingCharges?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  hasOpenAlerts?: boolean | null;

  @Field(() => AlertKindEnum, {
    nullable: true,
    description: 'Only clients with an open alert of this kind.',
  })
  alertKind?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only clients with (true) or without (false) a plan sent and not yet accepted, or asked to change.',
  })
  hasPlanWaiting?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only clients with (true) or without (false) an overdue goal review.',
  })
  hasOverdueReviews?: boolean | null;
}

@ObjectType()
export class AlertCount {
  @Field(() => AlertKindEnum)
  kind!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description: 'Yhden asiakkaan tilanne asiakaslistalla, the year summed over her budgets.',
})
export class CaseloadEntry {
  @Field(() => Client, {
    description:
      'The client: name and process phase from the clients subgraph, plans (acceptance, overdue goal reviews) from the plans subgraph.',
  })
  client!: Client;

  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => [Budget])
  budgets!: Budget[];

  @Field(() => [AlertCount], { description: 'Avoimet hälytykset lajeittain (not acknowledged).' })
  openAlerts!: AlertCount[];

  @Field(() => Int)
  openAlertCount!: number;

  @Field(() => Int, {
    description: 'Veloitukset, jotka ovat odottaneet vahvistusta pidempään kuin waitingDays.',
  })
  waitingCharges!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  oldestWaitingSince!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Suunnitelmia odottamassa hyväksyntää tai korjausta; null unless the page was ordered or filtered by plan figures.',
  })
  plansWaiting!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Myöhässä olevia tavoitteiden arviointeja; null unless the page was ordered or filtered by plan figures.',
  })
  overdueReviews!: number | null;

  @Field(() => Money)
  granted!: Money;

  @Field(() => Money, { description: 'Käytetty: confirmed and pending charges.' })
  used!: Money;

  @Field(() => Float, { description: 'used / granted (0 when nothing is granted).' })
  usedShare!: number;

  @Field(() => Float, { description: 'Share of the year elapsed today.' })
  elapsedShare!: number;
}

@ObjectType()
export class CaseloadEdge {
  @Field()
  cursor!: string;

  @Field(() => CaseloadEntry)
  node!: CaseloadEntry;
}

@ObjectType({ description: 'Luvut koko rajatusta asiakaslistasta (not only this page).' })
export class CaseloadCounts {
  @Field(() => Int)
  clients!: number;

  @Field(() => Int, { description: 'Asiakkaita, joilla veloituksia odottaa vahvistusta.' })
  waitingConfirmation!: number;

  @Field(() => Int)
  withOpenAlerts!: number;

  @Field(() => Int, { description: 'Käyttö yli 20 %-yksikköä edellä kulunutta vuotta.' })
  useAhead!: number;

  @Field(() => Int, { description: 'Käyttö yli 20 %-yksikköä jäljessä kulunutta vuotta.' })
  useBehind!: number;
}

@ObjectType()
export class CaseloadConnection {
  @Field(() => [CaseloadEdge])
  edges!: CaseloadEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => CaseloadCounts)
  counts!: CaseloadCounts;

  @Field(() => Int, { description: 'A charge counts as waiting after this many days (config).' })
  waitingDays!: number;
}

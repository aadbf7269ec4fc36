import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { formatCents } from '../money';

/** Money as CONTRACT.md defines it: decimal euros as a string, never a float. */
@Directive('@shareable')
@ObjectType({ description: 'Rahamäärä – an amount of money in decimal euros.' })
export class Money {
  @Field({ description: 'Decimal amount, e.g. "37120.00".' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code; always EUR.' })
  currency!: string;

  static fromCents(cents: number): Money {
    const money = new Money();
    money.amount = formatCents(cents);
    money.currency = 'EUR';
    return money;
  }
}

/** An expected failure of a mutation: validation or a business rule. */
@Directive('@shareable')
@ObjectType({ description: 'Virhe – what was wrong with a mutation, and where.' })
export class UserError {
  @Field({ description: 'Machine-readable code, e.g. VALIDATION or INSUFFICIENT_BUDGET.' })
  code!: string;

  @Field({ description: 'What is wrong, in words a person can act on.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Input field path, e.g. input.firstName.' })
  field!: string | null;

  static of(code: string, message: string, field: string | null = null): UserError {
    return Object.assign(new UserError(), { code, message, field });
  }
}

@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The shape every connection type shares; concrete classes add typed edges. */
export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `XConnection` and `XEdge` types for a node class. type-graphql needs a class per
 * concrete type, and this keeps them identical in shape across every subgraph.
 */
export function connectionOf<T extends object>(name: string, node: new () => T) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return Connection;
}

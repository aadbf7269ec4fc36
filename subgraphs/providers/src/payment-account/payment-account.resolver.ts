import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import type { ProvidersContext } from '../shared/context.types';
import type { ProviderEntity } from '../provider/provider.entity';
import { Provider, ProviderPayload } from '../provider/provider.type';

@InputType({ description: 'Palveluntuottajan pankkitili maksuja varten.' })
export class SetProviderPaymentAccountInput {
  @Field(() => ID)
  providerId!: string;

  @Field({ description: 'IBAN, spaces allowed, e.g. "FI21 1234 5600 0007 85"; a SEPA country.' })
  iban!: string;

  @Field(() => String, { nullable: true, description: 'BIC (optional: SEPA routes by IBAN).' })
  bic?: string | null;
}

/** Thin: the rules and the authorization are in PaymentAccountService. */
@Resolver(() => Provider)
export class PaymentAccountResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Tilinumero (IBAN, electronic format) for the organiser's payments. Only the provider itself and organiser staff of its area read it; null for everyone else and when none is set.",
  })
  async iban(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return (await ctx.paymentAccounts.of(provider))?.iban ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'BIC of the account, when given; readable like iban.',
  })
  async bic(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return (await ctx.paymentAccounts.of(provider))?.bic ?? null;
  }

  @Mutation(() => ProviderPayload, {
    description:
      'The provider sets its bank account (IBAN validated, BIC optional); errors INVALID_BANK_ACCOUNT with the field.',
  })
  setProviderPaymentAccount(
    @Arg('input', () => SetProviderPaymentAccountInput) input: SetProviderPaymentAccountInput,
    @Ctx() ctx: ProvidersContext,
  ) {
    return ctx.paymentAccounts.set(input);
  }
}

import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ClientsContext } from '../shared/context.types';
import { ClientPayload, ConsentInput } from '../client/client.type';

/** Suostumukset: granting and revoking consents. Thin: the rules are in ConsentService. */
@Resolver()
export class ConsentResolver {
  @Mutation(() => ClientPayload, { description: 'Antaa tiimin jäsenelle suostumuksen.' })
  grantConsent(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('input', () => ConsentInput) input: ConsentInput,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.consents.grant(clientId, input);
  }

  @Mutation(() => ClientPayload, { description: 'Peruu suostumuksen.' })
  revokeConsent(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('consentId', () => ID) consentId: string,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.consents.revoke(clientId, consentId);
  }
}

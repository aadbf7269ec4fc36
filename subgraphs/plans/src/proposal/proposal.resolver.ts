import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PlansContext } from '../shared/context.types';
import { Client, Provider, ServiceType } from '../external/external.types';
import type { ProposalChoice as ChoiceRow, ProposalRow } from './proposal.model';
import { Proposal, ProposalChoice, ProposalInput, ProposalPayload } from './proposal.type';

/** Thin: the rules and authorization are in ProposalService. */
@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => Proposal, {
    nullable: true,
    description: 'Oma ehdotus: the signed-in client’s (or the supported client’s) proposal.',
  })
  myProposal(@Ctx() ctx: PlansContext) {
    return ctx.proposals.mine();
  }

  @FieldResolver(() => Client)
  client(@Root() row: ProposalRow) {
    return { id: row.clientId };
  }

  @Mutation(() => ProposalPayload, {
    description: 'Tallentaa oman ehdotuksen (asiakas tai tiimin jäsen suunnitelmasuostumuksella).',
  })
  saveProposal(@Arg('input', () => ProposalInput) input: ProposalInput, @Ctx() ctx: PlansContext) {
    return ctx.proposals.save(input);
  }

  @Mutation(() => ProposalPayload, {
    description: 'Lähettää oman ehdotuksen omatyöntekijälle ja HB-neuvojalle.',
  })
  submitProposal(@Ctx() ctx: PlansContext) {
    return ctx.proposals.submit();
  }
}

@Resolver(() => ProposalChoice)
export class ProposalChoiceResolver {
  @FieldResolver(() => ServiceType)
  serviceType(@Root() c: ChoiceRow) {
    return { code: c.serviceTypeCode };
  }

  @FieldResolver(() => Provider, { nullable: true })
  provider(@Root() c: ChoiceRow) {
    return c.providerId ? { id: c.providerId } : null;
  }
}

@Resolver(() => Client)
export class ClientProposalResolver {
  @FieldResolver(() => Proposal, {
    nullable: true,
    description: 'Asiakkaan oma ehdotus (henkilöstölle vasta kun asiakas on lähettänyt sen).',
  })
  proposal(@Root() client: Client, @Ctx() ctx: PlansContext) {
    return ctx.proposals.ofClient(client.id);
  }
}

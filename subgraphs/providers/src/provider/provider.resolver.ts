import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { ProvidersContext } from '../shared/context.types';
import type { ApprovalStatus } from './catalogue';
import type { OfferingEntity, ProviderEntity } from './provider.entity';
import {
  ApprovalEvent,
  ApprovalStatusEnum,
  Municipality,
  Provider,
  ProviderApplicationInput,
  ProviderConnection,
  ProviderPayload,
  ServiceType,
} from './provider.type';
import { Offering, OfferingInput, OfferingPayload } from './offering.type';
import {
  ListingVersion,
  ProviderListingInput,
  ProviderListingPayload,
} from '../listing/listing.type';
import { ProviderSearchConnection, ProviderSearchInput } from './catalogue.type';

/** Thin: every rule and authorization check is in the service. */
@Resolver(() => Provider)
export class ProviderResolver {
  @Query(() => Provider, {
    nullable: true,
    description:
      'Yksi palveluntuottaja. Public for approved providers; others only for staff (adviser, worker, organiser) and the provider itself, null for anyone else.',
  })
  provider(@Arg('id', () => ID) id: string, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.get(id);
  }

  @Query(() => ProviderSearchConnection, {
    description:
      'Palveluhakemisto – the public catalogue: Finnish full-text search, filters, relevance order.',
  })
  providers(
    @Ctx() ctx: ProvidersContext,
    @Arg('search', () => ProviderSearchInput, { nullable: true }) search?: ProviderSearchInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.catalogue.search({ search, first, after });
  }

  @Query(() => ProviderConnection, {
    description:
      "Hyväksyntäjono – applications awaiting a decision (PENDING, INFO_REQUESTED) of providers serving the organiser's area, oldest first; organiser staff only.",
  })
  approvalQueue(
    @Ctx() ctx: ProvidersContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.providers.approvalQueue({ first, after });
  }

  // The details of the application: see ProviderService.details.
  @FieldResolver()
  businessId(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).businessId;
  }

  @FieldResolver()
  description(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).description;
  }

  @FieldResolver()
  email(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).email;
  }

  @FieldResolver()
  phone(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).phone;
  }

  @FieldResolver()
  website(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).website;
  }

  @FieldResolver()
  languages(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).languages;
  }

  @FieldResolver()
  accessibility(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).accessibility;
  }

  @FieldResolver(() => [Municipality], { description: 'Kunnat, joissa palvelua tarjotaan.' })
  municipalitiesServed(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).municipalities.map((code) => ({ code }));
  }

  @FieldResolver(() => [Offering], { description: 'Palvelutarjonta (active offerings).' })
  offerings(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.offerings(provider);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Voiko valita henkilökohtaisella budjetilla: false for the organiser's own production (ORGANISER_OWN), which a budget can never buy. A non-approved provider is choosable only at discretion with a recorded reason (see approvalStatus).",
  })
  choosableWithBudget(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.choosableWithBudget(provider);
  }

  @FieldResolver(() => [ApprovalEvent], {
    description: 'Hyväksyntähistoria, oldest first: organiser staff and the provider itself only.',
  })
  approvalHistory(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.approvalHistory(provider);
  }

  @FieldResolver(() => String, { nullable: true })
  address(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.details(provider).address;
  }

  @FieldResolver(() => [Offering], {
    description:
      'Hyväksyntää odottavat tarjoukset: new service types not yet in the catalogue; the provider itself and organiser staff of its area only.',
  })
  offeringsAwaitingApproval(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.listings.offeringsAwaitingApproval(provider);
  }

  @FieldResolver(() => [ListingVersion], {
    description:
      'Esittelyn muutoshistoria, oldest first: the provider itself and organiser staff of its area only.',
  })
  listingHistory(@Root() provider: ProviderEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.listings.listingHistory(provider);
  }

  @Mutation(() => ProviderListingPayload, {
    description:
      'Oma esittely: the provider itself changes its description, contact details, languages, accessibility and whether it takes new clients; versioned and shown in the catalogue at once.',
  })
  updateProviderListing(
    @Arg('providerId', () => ID) providerId: string,
    @Arg('input', () => ProviderListingInput) input: ProviderListingInput,
    @Ctx() ctx: ProvidersContext,
  ) {
    return ctx.listings.updateListing(providerId, input);
  }

  @Mutation(() => ProviderPayload, {
    description: 'Palveluntuottajaksi hakeminen: the application is PENDING.',
  })
  applyAsProvider(
    @Arg('input', () => ProviderApplicationInput) input: ProviderApplicationInput,
    @Ctx() ctx: ProvidersContext,
  ) {
    return ctx.providers.apply(input);
  }

  @Mutation(() => ProviderPayload, {
    description:
      'Järjestäjän päätös (organiser staff only): APPROVED, REJECTED, SUSPENDED or INFO_REQUESTED; a reason is required for all but APPROVED.',
  })
  decideProviderApplication(
    @Arg('providerId', () => ID) providerId: string,
    @Arg('decision', () => ApprovalStatusEnum) decision: ApprovalStatus,
    @Ctx() ctx: ProvidersContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return ctx.providers.decide(providerId, decision, reason);
  }

  @Mutation(() => ProviderPayload, {
    description:
      'The provider answers a request for information or a rejection (INFO_REQUESTED or REJECTED → PENDING), optionally with corrected details and a note.',
  })
  resubmitProviderApplication(
    @Arg('providerId', () => ID) providerId: string,
    @Ctx() ctx: ProvidersContext,
    @Arg('input', () => ProviderApplicationInput, { nullable: true })
    input?: ProviderApplicationInput,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ) {
    return ctx.providers.resubmit(providerId, input, note);
  }

  @Mutation(() => OfferingPayload, {
    description:
      'Adds (no input.id) or changes an offering: the provider itself or organiser staff.',
  })
  upsertOffering(
    @Arg('providerId', () => ID) providerId: string,
    @Arg('input', () => OfferingInput) input: OfferingInput,
    @Ctx() ctx: ProvidersContext,
  ) {
    return ctx.listings.upsertOffering(providerId, input);
  }
}

@Resolver(() => Offering)
export class OfferingResolver {
  @FieldResolver(() => Provider)
  async provider(@Root() offering: OfferingEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.loaders.provider.load(offering.providerId);
  }

  @FieldResolver(() => ServiceType)
  serviceType(@Root() offering: OfferingEntity) {
    return { code: offering.serviceType };
  }

  @FieldResolver(() => Money, { description: 'Hinta per priceUnit.' })
  price(@Root() offering: OfferingEntity, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.price(offering);
  }
}

@Resolver(() => ServiceType)
export class ServiceTypeOfferingsResolver {
  @FieldResolver(() => [Offering], {
    description: 'Hyväksyttyjen palveluntuottajien tarjoukset, cheapest first.',
  })
  offerings(@Root() serviceType: { code: string }, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.offeringsOfServiceType(serviceType.code);
  }
}

@Resolver(() => Municipality)
export class MunicipalityProvidersResolver {
  @FieldResolver(() => [Provider], {
    description: 'Kunnassa toimivat hyväksytyt palveluntuottajat.',
  })
  providers(@Root() municipality: { code: string }, @Ctx() ctx: ProvidersContext) {
    return ctx.providers.providersServing(municipality.code);
  }
}

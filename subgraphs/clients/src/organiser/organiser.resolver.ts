import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ClientsContext } from '../shared/context.types';
import { Municipality } from '../client/client.type';
import type { MunicipalityEntity } from '../municipality/municipality.entity';
import { Organiser } from './organiser.type';
import type { OrganiserRow } from './organiser.store';

/** Organisers are public reference data, like municipalities. */
@Resolver(() => Organiser)
export class OrganiserResolver {
  @Query(() => [Organiser], {
    description: 'Järjestäjät – the organisers (wellbeing services counties and cities), public.',
  })
  organisers(@Ctx() ctx: ClientsContext) {
    return ctx.organisers.all();
  }

  @Query(() => Organiser, { nullable: true, description: 'One organiser by id (public).' })
  organiser(@Arg('id', () => ID) id: string, @Ctx() ctx: ClientsContext) {
    return ctx.organisers.get(id);
  }

  @FieldResolver(() => [Municipality], {
    description: 'The municipalities served whose services this organiser organises.',
  })
  municipalities(@Root() organiser: OrganiserRow, @Ctx() ctx: ClientsContext) {
    return ctx.organisers.municipalities(organiser.id);
  }
}

@Resolver(() => Municipality)
export class MunicipalityOrganiserResolver {
  @FieldResolver(() => Organiser, {
    nullable: true,
    description: 'Järjestäjä: who organises the social services of this municipality.',
  })
  organiser(@Root() municipality: MunicipalityEntity, @Ctx() ctx: ClientsContext) {
    return municipality.organiserId ? ctx.organisers.get(municipality.organiserId) : null;
  }
}

import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hb/kit';

export const OrganiserKindEnum = enumOf(['WELLBEING_SERVICES_COUNTY', 'CITY'] as const);
registerEnumType(OrganiserKindEnum, {
  name: 'OrganiserKind',
  description: 'Järjestäjän laji.',
  valuesConfig: {
    WELLBEING_SERVICES_COUNTY: { description: 'Hyvinvointialue (wellbeing services county)' },
    CITY: { description: 'Kaupunki, joka järjestää itse palvelunsa (Helsinki)' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'Järjestäjä – the organiser of social services: a wellbeing services county, or a city that organises its own. Class values, provider approval, year end, settlement and reports are the organiser’s.',
})
export class Organiser {
  @Field(() => ID, { description: 'Stable id, e.g. pirkanmaa (the hb_organiser claim of tokens).' })
  id!: string;

  @Field({ description: 'Name in Finnish, e.g. Pirkanmaan hyvinvointialue.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Name in Swedish.' })
  nameSv!: string | null;

  @Field(() => OrganiserKindEnum)
  kind!: string;
}

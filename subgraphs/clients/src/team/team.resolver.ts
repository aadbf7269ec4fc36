import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ClientsContext } from '../shared/context.types';
import { TeamMemberInput, TeamMemberPayload } from '../client/client.type';

/** Minun tiimini: adding and removing a client's team members. Thin: the rules are in TeamService. */
@Resolver()
export class TeamResolver {
  @Mutation(() => TeamMemberPayload, { description: 'Lisää jäsenen asiakkaan tiimiin.' })
  addTeamMember(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('input', () => TeamMemberInput) input: TeamMemberInput,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.team.add(clientId, input);
  }

  @Mutation(() => TeamMemberPayload, {
    description: 'Poistaa jäsenen tiimistä ja perii hänen suostumuksensa.',
  })
  removeTeamMember(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.team.remove(clientId, memberId);
  }
}

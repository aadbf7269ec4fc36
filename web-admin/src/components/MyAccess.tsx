import { useQuery } from '@apollo/client';
import { graphql } from '../gql';
import { useAuth, type Role } from '../auth';

const MyScopesQuery = graphql(`
  query MyConsentScopes($clientId: ID!) {
    myConsentScopes(clientId: $clientId)
  }
`);

export type Scope = 'BUDGET' | 'PLAN' | 'DOCUMENTS';
const ALL: readonly Scope[] = ['BUDGET', 'PLAN', 'DOCUMENTS'];

/** The roles whose own pages are under /me: the client and her team member. */
export const OWN_ROLES: readonly Role[] = ['CLIENT', 'TEAM_MEMBER'];

/**
 * Whose data the signed-in client or team member sees, and what of it: the client all of
 * hers, a team member what her consents in force cover (the subgraphs decide; this only keeps
 * the UI from asking for what would be refused).
 */
export function useMyAccess(): {
  clientId: string | null;
  role: Role | null;
  scopes: readonly Scope[];
  loading: boolean;
} {
  const { session } = useAuth();
  const clientId = session?.clientId ?? null;
  const isMember = session?.role === 'TEAM_MEMBER';
  const { data, loading } = useQuery(MyScopesQuery, {
    variables: { clientId: clientId ?? '' },
    skip: !isMember || !clientId,
    fetchPolicy: 'cache-and-network',
  });
  const scopes: readonly Scope[] = session?.role === 'CLIENT' ? ALL : (data?.myConsentScopes ?? []);
  return { clientId, role: session?.role ?? null, scopes, loading: isMember && loading && !data };
}

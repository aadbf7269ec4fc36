import type { Principal } from '@hb/kit';

/**
 * Asking for changes is the client's own say on her plan, like accepting it; nobody asks on
 * her behalf (staff change the draft themselves, a team member supports her in person).
 */
export const changeRequestAccess = {
  canRequest(p: Principal | null, plan: { clientId: string }): boolean {
    return !!p && p.role === 'CLIENT' && p.clientId === plan.clientId;
  },
};

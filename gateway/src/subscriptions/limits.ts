/** How many live subscriptions one socket and one person may hold on one gateway. */
export interface SubscriptionLimitOptions {
  /** Per WebSocket connection. Default 20 (a browser tab follows a handful). */
  perSocket: number;
  /** Per principal (role and subject, whichever of its tokens), over all sockets. Default 50. */
  perPrincipal: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimitOptions = {
  perSocket: 20,
  perPrincipal: 50,
};

/**
 * Counts live subscriptions by socket and by principal. Every subscription costs an upstream
 * share and follow-up queries on each event (a replay costs its own upstream), so one caller
 * must not be able to open them without bound.
 */
export class SubscriptionLimits {
  private readonly bySocket = new Map<object, number>();
  private readonly byPrincipal = new Map<string, number>();

  constructor(private readonly limits: SubscriptionLimitOptions = DEFAULT_SUBSCRIPTION_LIMITS) {}

  /**
   * Takes a place for one subscription: a function that gives it back (call it once, when the
   * subscription ends), or the reason it is refused.
   */
  acquire(socket: object, principal: string): (() => void) | { refused: string } {
    const onSocket = this.bySocket.get(socket) ?? 0;
    if (onSocket >= this.limits.perSocket) {
      return {
        refused: `A connection may hold at most ${this.limits.perSocket} subscriptions; end one first.`,
      };
    }
    const ofPrincipal = this.byPrincipal.get(principal) ?? 0;
    if (ofPrincipal >= this.limits.perPrincipal) {
      return {
        refused: `You may hold at most ${this.limits.perPrincipal} subscriptions at a time; end one first.`,
      };
    }
    this.bySocket.set(socket, onSocket + 1);
    this.byPrincipal.set(principal, ofPrincipal + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.bySocket, socket);
      decrement(this.byPrincipal, principal);
    };
  }
}

function decrement<K>(counts: Map<K, number>, key: K): void {
  const n = (counts.get(key) ?? 0) - 1;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

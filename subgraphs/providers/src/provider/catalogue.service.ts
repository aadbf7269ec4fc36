import {
  badInput,
  decodeCursor,
  isUuid,
  pageSize,
  toConnection,
  type RequestContext,
} from '@hb/kit';
import type { ProvidersLoaders } from '../shared/loaders';
import type { ProvidersStores } from '../shared/stores';
import { providerAccess } from './provider-access.policy';
import { parseSearch, type SearchInputFields } from './search-query';
import type { CatalogueCursor } from './catalogue.store';
import { CatalogueBusy, catalogueBusyError } from './catalogue-admission';
import { refusal } from './provider-services.shared';

/** The cursor key of a provider without a price in the unit sorted by (it sorts last). */
const NO_PRICE_KEY = 'Infinity';

/** Rules and authorization of the public catalogue: search, facet counts, admission. */
export class CatalogueService {
  constructor(
    private readonly stores: ProvidersStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ProvidersLoaders,
  ) {}

  /** The public catalogue search. */
  async search(args: {
    search?: SearchInputFields | null;
    first?: number | null;
    after?: string | null;
  }) {
    const parsed = parseSearch(args.search);
    if (!parsed.ok) throw badInput(parsed.message);
    const query = parsed.query;
    if (query.includeUnapproved && !providerAccess.canIncludeUnapproved(this.ctx.principal)) {
      throw refusal(
        this.ctx.principal,
        'Only HB advisers, own workers and organiser staff may include non-approved providers.',
      );
    }
    const limit = pageSize(args.first);
    const cursor = decodeCursor(args.after);
    let after: CatalogueCursor | null = null;
    if (cursor) {
      const [key, name, id] = cursor;
      if (
        cursor.length !== 3 ||
        typeof key !== 'string' ||
        !/^(-?\d{1,15}(\.\d{1,6})?|Infinity)$/.test(key) ||
        typeof name !== 'string' ||
        typeof id !== 'string' ||
        !isUuid(id)
      ) {
        throw badInput('after is not a cursor this API gave out.');
      }
      after = [key, name, id];
    }
    const search = () => this.admitted(() => this.stores.catalogue.search(query, limit, after));
    const { rows, total, totalIsLowerBound } = query.includeUnapproved
      ? await search()
      : await this.stores.searches.get(JSON.stringify([query, limit, after]), search);
    const providers = await this.loaders.provider.loadMany(rows.map((r) => r.id));
    const nodes = rows.flatMap((r, i) => {
      const p = providers[i];
      // A provider without a price in the sorted unit has no key (NULLS LAST): its cursor says
      // Infinity, which the store's keyset sorts the same way.
      const key = [r.key ?? NO_PRICE_KEY, r.name, r.id];
      return p && !(p instanceof Error) ? [{ provider: p, key }] : [];
    });
    const connection = toConnection(nodes, limit, total, (n) => n.key, !!after);
    return {
      ...connection,
      totalCountIsLowerBound: totalIsLowerBound,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.provider })),
    };
  }

  /** Counts per facet of the public catalogue search (same rules as {@link search}). */
  async facets(searchInput: SearchInputFields | null | undefined) {
    const parsed = parseSearch(searchInput);
    if (!parsed.ok) throw badInput(parsed.message);
    if (
      parsed.query.includeUnapproved &&
      !providerAccess.canIncludeUnapproved(this.ctx.principal)
    ) {
      throw refusal(
        this.ctx.principal,
        'Only HB advisers, own workers and organiser staff may include non-approved providers.',
      );
    }
    return this.admitted(() => this.stores.catalogue.facets(parsed.query));
  }

  /**
   * Runs a catalogue statement in a turn of the public catalogue's admission control; staff
   * (who may include non-approved providers: advisers, own workers, organiser staff) search
   * as part of their work and need no turn. A refused search answers BUSY (HTTP 503).
   */
  private async admitted<T>(work: () => Promise<T>): Promise<T> {
    if (providerAccess.canIncludeUnapproved(this.ctx.principal)) return work();
    try {
      return await this.stores.admission.run(work);
    } catch (error) {
      if (error instanceof CatalogueBusy) throw catalogueBusyError();
      throw error;
    }
  }
}

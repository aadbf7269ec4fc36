import type { ClientsLoaders } from '../shared/loaders';
import type { ClientsStores } from '../shared/stores';

/** Organisers and their municipalities: public reference data, readable by anyone. */
export class OrganiserService {
  constructor(
    private readonly stores: ClientsStores,
    private readonly loaders: ClientsLoaders,
  ) {}

  all() {
    return this.stores.organisers.all();
  }

  get(id: string) {
    return this.loaders.organiser.load(id);
  }

  municipalities(organiserId: string) {
    return this.loaders.organiserMunicipalities.load(organiserId);
  }
}

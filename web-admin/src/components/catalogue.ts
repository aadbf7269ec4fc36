import { graphql } from '../gql';

/**
 * What the public catalogue's pages share (the catalogue, a provider's page, the comparison and
 * the provider's own listing): kept apart from the pages so that they do not import each other.
 */
export const ServiceTypesQuery = graphql(`
  query ServiceTypes {
    serviceTypes {
      code
      name
    }
  }
`);

/** Decorative: the words beside each icon say what it means. */
export const ACCESSIBILITY_ICONS: Record<string, string> = {
  WHEELCHAIR_ACCESSIBLE: '♿',
  ACCESSIBLE_TOILET: '🚻',
  HEARING_LOOP: '🦻',
  SIGN_LANGUAGE: '🤟',
  EASY_LANGUAGE: '📖',
  AAC_SUPPORT: '💬',
  ACCESSIBLE_VEHICLE: '🚐',
  SENSORY_FRIENDLY: '🌿',
  HOME_VISITS: '🏠',
  GUIDE_DOG_WELCOME: '🦮',
};

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

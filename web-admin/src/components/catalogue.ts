import { useQuery } from '@apollo/client';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { fi, type MessageKey } from '../messages';

/**
 * What the public catalogue's pages share (the catalogue, a provider's page, the comparison and
 * the provider's own listing): kept apart from the pages so that they do not import each other.
 */
export const ServiceTypesQuery = graphql(`
  query ServiceTypes {
    serviceTypes {
      code
      name
      nameSv
    }
  }
`);

/**
 * A service type's name in the UI's language. The budgets service names each type in Finnish
 * and, where recorded, in Swedish; English names are the UI catalogue's (`serviceType.CODE`).
 * A type neither knows (an organiser's new one) keeps the name it came with, else its code.
 * The service types are one query for the whole app (Apollo caches it).
 */
export function useServiceTypeName(): (type: { code: string; name?: string | null }) => string {
  const { language, t } = useI18n();
  const { data } = useQuery(ServiceTypesQuery);
  return ({ code, name }) => {
    const known = data?.serviceTypes.find((s) => s.code === code);
    const key = `serviceType.${code}`;
    const translated = key in fi ? t(key as MessageKey) : null;
    const finnish = known?.name ?? name ?? translated ?? code;
    if (language === 'sv') return known?.nameSv ?? translated ?? finnish;
    if (language === 'en') return translated ?? finnish;
    return finnish;
  };
}

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

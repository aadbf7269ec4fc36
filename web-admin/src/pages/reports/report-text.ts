import { useI18n, type Language } from '../../i18n';

/**
 * Texts of the report page's forecast and downloads (issue 18) in Finnish, Swedish and
 * English; plain Finnish uses the Finnish ones. Kept beside the page they belong to.
 */
const fi = {
  forecast: 'Ennuste vuoden lopussa raukeavasta',
  forecastNote:
    'Tilanne {date}. Avoimet budjetit käyttävät rahaa loppuvuonna samaa tahtia kuin tähän asti (ei enempää kuin niillä on jäljellä); päättyneet ja suljetut eivät enää käytä.',
  forecastNone: 'Vuosi ei ole alkanut: ennustetta ei vielä ole.',
  forecastAll: 'Kaikki kunnat yhteensä',
  projected: 'Arvioitu käyttö loppuvuonna',
  lapsing: 'Arvioitu raukeava',
  xlsx: 'Lataa Excel-tiedosto (XLSX)',
  csvForecast: 'ennuste',
  csvGroups: 'asiakasryhmät',
  groups: 'Kustannukset asiakasryhmittäin (HB-luokka)',
  group: 'Asiakasryhmä',
  classLevel: 'Luokka {level}',
  individual: 'Yksilöllinen',
  noClass: 'Ei luokkaa',
  fileLanguage: 'Tiedostojen otsikot ovat suomeksi (ruotsiksi, kun sivun kieli on ruotsi).',
  byMunicipality: 'Kunnittain',
  groupGoals: 'Tavoitteiden toteutuminen',
  municipality: 'Kunta',
  organiserClients: 'HB-asiakkaat koko alueella',
  organiserTotal: '{name} yhteensä',
};
type ReportText = typeof fi;

const sv: ReportText = {
  forecast: 'Prognos över det som förfaller vid årets slut',
  forecastNote:
    'Läge {date}. Öppna budgetar använder pengar resten av året i samma takt som hittills (inte mer än de har kvar); avslutade och stängda använder inget mer.',
  forecastNone: 'Året har inte börjat: ingen prognos ännu.',
  forecastAll: 'Alla kommuner totalt',
  projected: 'Beräknad användning resten av året',
  lapsing: 'Beräknat förfallande',
  xlsx: 'Ladda ner Excel-fil (XLSX)',
  csvForecast: 'prognos',
  csvGroups: 'klientgrupper',
  groups: 'Kostnader per klientgrupp (HB-klass)',
  group: 'Klientgrupp',
  classLevel: 'Klass {level}',
  individual: 'Individuell',
  noClass: 'Ingen klass',
  fileLanguage: 'Filernas rubriker är på svenska.',
  byMunicipality: 'Per kommun',
  groupGoals: 'Måluppfyllelse',
  municipality: 'Kommun',
  organiserClients: 'PB-klienter i hela området',
  organiserTotal: '{name} totalt',
};

const en: ReportText = {
  forecast: 'Forecast of what lapses at year end',
  forecastNote:
    'As of {date}. Open budgets go on using money for the rest of the year at their pace so far (never more than they have left); ended and closed budgets use nothing more.',
  forecastNone: 'The year has not begun: no forecast yet.',
  forecastAll: 'All municipalities',
  projected: 'Projected use for the rest of the year',
  lapsing: 'Expected to lapse',
  xlsx: 'Download Excel file (XLSX)',
  csvForecast: 'forecast',
  csvGroups: 'client groups',
  groups: 'Cost by client group (HB class)',
  group: 'Client group',
  classLevel: 'Class {level}',
  individual: 'Individual',
  noClass: 'No class',
  fileLanguage: 'The files have Finnish headers (Swedish when the page is in Swedish).',
  byMunicipality: 'By municipality',
  groupGoals: 'Goal attainment',
  municipality: 'Municipality',
  organiserClients: 'HB clients in the whole area',
  organiserTotal: '{name} in total',
};

const TEXTS: Record<Language, ReportText> = { fi, sv, en, selko: fi };

/** The exports' header language for the page's language: Swedish or Finnish. */
export const exportLang = (language: Language): 'fi' | 'sv' => (language === 'sv' ? 'sv' : 'fi');

/** The report page's own texts in the page's language, `{name}` replaced by params. */
export function useReportText() {
  const { language } = useI18n();
  const texts = TEXTS[language];
  return (key: keyof ReportText, params: Record<string, string> = {}) =>
    texts[key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

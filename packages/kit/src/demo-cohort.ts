import { present } from './database/sql';
/**
 * The Tampere cohort of the demo world (issue 18): 36 more HB clients of Tampere with budgets,
 * charges and plans with reviewed goals, so that the organiser's report shows figures rather
 * than only suppressed small groups. Deterministic: the same ids, names, services and numbers
 * on every fresh start. Every service's seed reads it from here; Essi's own world is separate
 * and unchanged. Last names sort after "Esimerkki", so Essi stays first in a list by name.
 */

/** How the cohort's budget is decided: the service, the class level and the amount basis. */
export interface CohortService {
  serviceType: 'DAY_ACTIVITIES' | 'TRANSPORT';
  /** The Keusote class level (day activities 2 by the hour, 4 and 5 by the day; transport km band 2). */
  level: number;
  /** Hours or days a week for 46 weeks (day activities), or kilometres a year (transport). */
  units: number;
}

export interface CohortClient {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  service: CohortService;
  /** Share of the elapsed year's money the client has used so far, in per cent (0–120). */
  usePercent: number;
  /** Attainment (0–100) of the client's two goals at their first review. */
  attainment: [number, number];
}

const FIRST = [
  'Aada',
  'Eino',
  'Helmi',
  'Väinö',
  'Sofia',
  'Leo',
  'Aino',
  'Oliver',
  'Ella',
  'Onni',
  'Lilja',
  'Elias',
  'Venla',
  'Toivo',
  'Iida',
  'Eetu',
  'Siiri',
  'Veeti',
  'Pihla',
  'Niilo',
  'Emma',
  'Lauri',
  'Kerttu',
  'Aleksi',
  'Saga',
  'Rasmus',
  'Hilla',
  'Joel',
  'Minea',
  'Vilho',
  'Alma',
  'Leevi',
  'Nelli',
  'Otto',
  'Enni',
  'Juho',
];
const LAST = [
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Saarinen',
  'Salminen',
  'Turunen',
  'Mattila',
  'Hämäläinen',
  'Rantanen',
  'Jokinen',
  'Lahtinen',
  'Tuominen',
  'Kinnunen',
  'Heinonen',
  'Salonen',
  'Niemi',
  'Hiltunen',
  'Peltonen',
  'Leinonen',
];

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** The cohort's service by position: 12 + 12 at day-activity levels 4 and 5, 6 at level 2, 6 transport. */
function serviceOf(i: number): CohortService {
  if (i < 12) return { serviceType: 'DAY_ACTIVITIES', level: 4, units: 1 + (i % 3) };
  if (i < 24) return { serviceType: 'DAY_ACTIVITIES', level: 5, units: 1 + (i % 2) };
  if (i < 30) return { serviceType: 'DAY_ACTIVITIES', level: 2, units: 4 + (i % 4) };
  return { serviceType: 'TRANSPORT', level: 2, units: 1200 + 100 * (i % 5) };
}

export const TAMPERE_COHORT: readonly CohortClient[] = Array.from({ length: 36 }, (_, i) => ({
  id: `00000000-0000-4000-8000-00000c0f${hex(i + 1)}`,
  firstName: present(FIRST[i], `first name ${i}`),
  lastName: present(LAST[(i * 7) % LAST.length], 'last name'),
  dateOfBirth: `${1970 + ((i * 11) % 35)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 5) % 28)).padStart(2, '0')}`,
  service: serviceOf(i),
  usePercent: 40 + ((i * 23) % 75),
  attainment: [20 + ((i * 37) % 81), 10 + ((i * 53) % 91)],
}));

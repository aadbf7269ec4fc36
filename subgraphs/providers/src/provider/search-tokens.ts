/**
 * The tokens the catalogue adds to a provider's search document (pure): one per declared fact
 * (service type, price unit and price bucket, accessibility feature, language, municipality,
 * approval, intake) and one per vocabulary concept found in its texts. The document's SQL
 * (catalogue.store.ts) and the queries' (catalogue-match.store.ts) build the same tokens.
 */

/** Prefix of the tokens the vocabulary and the declared data add to a search document. */
const T = 'zz';

/** Token of a service type, e.g. `zzsdayactivities`. */
export const serviceToken = (code: string) => `${T}s${code.toLowerCase().replace(/_/g, '')}`;
/** Token of an accessibility feature, e.g. `zzawheelchairaccessible`. */
export const accessToken = (code: string) => `${T}a${code.toLowerCase().replace(/_/g, '')}`;
/** Token of a language (ISO 639 letters only), e.g. `zzlfse`. */
export const languageToken = (code: string) => `${T}l${code.toLowerCase().replace(/[^a-z]/g, '')}`;
/** Token of a served municipality (official code), e.g. `zzm837`. */
export const municipalityToken = (code: string) => `${T}m${code}`;
/** Token of a price unit among the active offerings, e.g. `zzuhour`. */
export const unitToken = (unit: string) => `${T}u${unit.toLowerCase()}`;
/** Token of a service type offered at a price unit, e.g. `zzphousinghour`. */
export const serviceUnitToken = (code: string, unit: string) =>
  `${T}p${code.toLowerCase().replace(/_/g, '')}${unit.toLowerCase()}`;
/**
 * The key of a provider's lowest price in a unit (`hour`), or in a unit for one service type
 * (`housinghour`): letters only, as in `provider.min_prices` and the price tokens.
 */
export const priceKey = (unit: string, serviceType: string | null) =>
  `${(serviceType ?? '').toLowerCase().replace(/_/g, '')}${unit.toLowerCase()}`;
/**
 * Upper bounds (cents) of the price buckets. A provider's document has, per price key, one
 * token of the bucket its lowest price falls in, so that "at most X" is an OR of the buckets up
 * to X's in the GIN-indexed match; only X's own bucket needs the exact price checked.
 */
export const PRICE_BUCKETS: readonly number[] = [
  500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10_000, 12_000, 15_000,
  20_000, 25_000, 30_000, 40_000, 50_000, 75_000, 100_000, 200_000, 500_000, 1_000_000,
];
/** The bucket of a price: how many bucket bounds are below it (as the SQL counts them). */
export const priceBucket = (cents: number) => PRICE_BUCKETS.filter((b) => b < cents).length;
/** Token of a lowest price's bucket, e.g. `zzqhour7`. */
export const priceBucketToken = (key: string, bucket: number) => `${T}q${key}${bucket}`;
/** Token of every approved provider: the approval status is part of the indexed document. */
export const APPROVED_TOKEN = `${T}approved`;
/** Token of a provider taking new clients. */
export const TAKES_NEW_TOKEN = `${T}takesnew`;
/** Token of a concept found in a provider's texts. */
export const conceptToken = (id: string) => `${T}c${id}`;

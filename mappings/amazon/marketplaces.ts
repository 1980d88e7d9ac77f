/**
 * Amazon marketplaces as data: marketplaceId → country, storefront, SP-API region and the
 * currency the storefront sells in. Source: SP-API "Marketplace IDs"
 * (developer-docs.amazon.com/sp-api/docs/marketplace-ids; the 2021 guide excerpt in
 * shared/vendor/amazon/docs lists the same ids except Belgium, Ireland and South Africa).
 * Amazon's table writes the United Kingdom as `UK`; the ISO 3166-1 code is `GB`.
 */

/** SP-API regional endpoint: sellingpartnerapi-{na,eu,fe}.amazon.com. */
export type AmazonRegion = 'na' | 'eu' | 'fe';

export interface AmazonMarketplace {
  readonly id: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** Storefront name as Amazon writes it in `SalesChannel`, e.g. `Amazon.de`. */
  readonly name: string;
  readonly region: AmazonRegion;
  /** ISO 4217 code the storefront prices in. */
  readonly defaultCurrency: string;
}

// id, country, name, region, currency
const ROWS: ReadonlyArray<readonly [string, string, string, AmazonRegion, string]> = [
  // North America endpoint (Brazil included)
  ['A2EUQ1WTGCTBG2', 'CA', 'Amazon.ca', 'na', 'CAD'],
  ['ATVPDKIKX0DER', 'US', 'Amazon.com', 'na', 'USD'],
  ['A1AM78C64UM0Y8', 'MX', 'Amazon.com.mx', 'na', 'MXN'],
  ['A2Q3Y263D00KWC', 'BR', 'Amazon.com.br', 'na', 'BRL'],
  // Europe endpoint (Middle East, India and South Africa included)
  ['A28R8C7NBKEWEA', 'IE', 'Amazon.ie', 'eu', 'EUR'],
  ['A1RKKUPIHCS9HS', 'ES', 'Amazon.es', 'eu', 'EUR'],
  ['A1F83G8C2ARO7P', 'GB', 'Amazon.co.uk', 'eu', 'GBP'],
  ['A13V1IB3VIYZZH', 'FR', 'Amazon.fr', 'eu', 'EUR'],
  ['AMEN7PMS3EDWL', 'BE', 'Amazon.com.be', 'eu', 'EUR'],
  ['A1805IZSGTT6HS', 'NL', 'Amazon.nl', 'eu', 'EUR'],
  ['A1PA6795UKMFR9', 'DE', 'Amazon.de', 'eu', 'EUR'],
  ['APJ6JRA9NG5V4', 'IT', 'Amazon.it', 'eu', 'EUR'],
  ['A2NODRKZP88ZB9', 'SE', 'Amazon.se', 'eu', 'SEK'],
  ['AE08WJ6YKNBMC', 'ZA', 'Amazon.co.za', 'eu', 'ZAR'],
  ['A1C3SOZRARQ6R3', 'PL', 'Amazon.pl', 'eu', 'PLN'],
  ['ARBP9OOSHTCHU', 'EG', 'Amazon.eg', 'eu', 'EGP'],
  ['A33AVAJ2PDY3EV', 'TR', 'Amazon.com.tr', 'eu', 'TRY'],
  ['A17E79C6D8DWNP', 'SA', 'Amazon.sa', 'eu', 'SAR'],
  ['A2VIGQ35RCS4UG', 'AE', 'Amazon.ae', 'eu', 'AED'],
  ['A21TJRUUN4KGV', 'IN', 'Amazon.in', 'eu', 'INR'],
  // Far East endpoint
  ['A19VAU5U5O7RUS', 'SG', 'Amazon.sg', 'fe', 'SGD'],
  ['A39IBJ37TRP1C6', 'AU', 'Amazon.com.au', 'fe', 'AUD'],
  ['A1VC38T7YXB528', 'JP', 'Amazon.co.jp', 'fe', 'JPY'],
];

export const AMAZON_MARKETPLACES: ReadonlyMap<string, AmazonMarketplace> = new Map(
  ROWS.map(([id, country, name, region, defaultCurrency]) => [id, { id, country, name, region, defaultCurrency }] as const),
);

/** The marketplace for an id, or undefined for an id not in the table (not an error: Amazon adds marketplaces). */
export function amazonMarketplace(marketplaceId: string): AmazonMarketplace | undefined {
  return AMAZON_MARKETPLACES.get(marketplaceId);
}

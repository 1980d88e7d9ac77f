/**
 * Marketplaces as reports name them: `sales-channel` writes the storefront (`Amazon.de`), and
 * ops name one on the command line by id, storefront domain or country. Plus the language the
 * storefront's listings are written in, for the locale of a listing's title.
 */
import { AMAZON_MARKETPLACES, type AmazonMarketplace } from './marketplaces.js';

/** Storefront → BCP 47 locale of its catalogue (the storefront's default language). */
const LOCALES: Readonly<Record<string, string>> = {
  CA: 'en-CA', US: 'en-US', MX: 'es-MX', BR: 'pt-BR', IE: 'en-IE', ES: 'es-ES', GB: 'en-GB', FR: 'fr-FR',
  BE: 'fr-BE', NL: 'nl-NL', DE: 'de-DE', IT: 'it-IT', SE: 'sv-SE', ZA: 'en-ZA', PL: 'pl-PL', EG: 'ar-EG',
  TR: 'tr-TR', SA: 'ar-SA', AE: 'en-AE', IN: 'en-IN', SG: 'en-SG', AU: 'en-AU', JP: 'ja-JP',
};

export function amazonMarketplaceLocale(marketplace: AmazonMarketplace): string | undefined {
  return LOCALES[marketplace.country];
}

/**
 * The marketplace an id (`A1PA6795UKMFR9`), storefront (`Amazon.de`, `www.amazon.de`,
 * `amazon.co.jp`) or country code (`DE`, `UK` for GB) names; undefined for none.
 */
export function amazonMarketplaceFor(text: string): AmazonMarketplace | undefined {
  const t = text.trim();
  const byId = AMAZON_MARKETPLACES.get(t);
  if (byId !== undefined) return byId;
  const name = t.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
  const all = [...AMAZON_MARKETPLACES.values()];
  const byName = all.find((m) => m.name.toLowerCase() === name);
  if (byName !== undefined) return byName;
  const country = t.toUpperCase() === 'UK' ? 'GB' : t.toUpperCase();
  return /^[A-Z]{2}$/.test(country) ? all.find((m) => m.country === country) : undefined;
}

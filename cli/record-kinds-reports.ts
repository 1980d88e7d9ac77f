/**
 * `caravan map` kinds for Amazon flat-file report documents (tab-separated text in the charset
 * Amazon wrote it in; `caravan map` decodes the bytes first, see connectors/http/charset.ts):
 * `amazon.order-report` and `amazon.listings-report`, and what such a file looks like when it
 * is given to another kind. Kept apart from record-kinds.ts; only types come from there.
 */
import { isAmazonXmlProcessingReport } from '../connectors/amazon/schemas/feed-processing-report-xml.js';
import { AmazonFeedDocumentSchema } from '../connectors/amazon/schemas/feeds.js';
import { AmazonReportDocumentSchema } from '../connectors/amazon/schemas/reports.js';
import { amazonFlatFileKind, readListingsReport, readOrderReport, recogniseAmazonReportErrorReply } from '../connectors/amazon/index.js';
import { amazonListingsReportToListings, amazonMarketplaceFor, amazonMarketplaceLocale, amazonOrderReportToOrders, type AmazonListingsReportContext } from '../mappings/amazon/index.js';
import type { AmazonMarketplace } from '../mappings/amazon/index.js';
import type { MappingResult } from '../mappings/canonical/index.js';
import { CliError } from './output.js';
import type { Look, MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';

function mapped<T>(r: MappingResult<T>): MappedRecord {
  if (r.ok) return { ok: true, record: r.value };
  const e = r.error;
  return {
    ok: false,
    error: {
      recordType: e.recordType,
      ...(e.recordId ? { externalId: e.recordId } : {}),
      field: e.field,
      errorKind: 'mapping',
      message: e.message,
      issues: e.issues.map((i) => ({ field: i.field, message: i.message })),
    },
  };
}

/** What an Amazon flat file given to any kind looks like (undefined when the text is none). */
export function amazonReportLook(text: string): Look | undefined {
  if (isAmazonXmlProcessingReport(text)) return { kind: 'amazon.feed-report', what: 'this is an Amazon XML feed processing report (AmazonEnvelope ProcessingReport)' };
  const look = amazonFlatFileKind(text);
  if (look === undefined) return undefined;
  return { ...(look.kind === undefined ? {} : { kind: `amazon.${look.kind}` }), what: look.what };
}

/**
 * A getReportDocument / getFeedDocument reply given where the document belongs: it only names
 * the document (a pre-signed URL, valid for minutes, maybe GZIP). Says so instead of "no column".
 */
export function refuseDocumentReference(input: MapInputFile, what: string): void {
  const start = input.text.trimStart();
  if (!start.startsWith('{')) return;
  let doc: unknown;
  try {
    doc = JSON.parse(start);
  } catch {
    return;
  }
  const report = AmazonReportDocumentSchema.safeParse(doc);
  const feed = report.success ? undefined : AmazonFeedDocumentSchema.safeParse(doc);
  if (!report.success && !feed?.success) return;
  const op = report.success ? 'getReportDocument' : 'getFeedDocument';
  const gzip = (report.success ? report.data.compressionAlgorithm : feed?.data?.compressionAlgorithm) === 'GZIP' ? ' (GZIP)' : '';
  throw new CliError(`${input.file}: this is a ${op} reply, which names the document by its URL${gzip}, not ${what}: download the URL (it expires after 5 minutes) and map that file`, 1);
}

function requireColumns(input: MapInputFile, missing: readonly string[], what: string): void {
  if (missing.length > 0) throw new CliError(`${input.file} is not ${what}: its header has no ${missing.join(', ')} column`, 1);
}

/** `amazon-de`, `amazon.co.jp`, `amazon-uk` … name a marketplace; `amazon-eu` does not. */
function marketplaceOfChannel(channel: string | undefined): AmazonMarketplace | undefined {
  if (channel === undefined) return undefined;
  return amazonMarketplaceFor(channel) ?? amazonMarketplaceFor(channel.replace(/^amazon[-_.]?/i, ''));
}

/** Header languages that name one storefront (and so one currency). */
const MARKETPLACE_OF_HEADER_LANGUAGE: Readonly<Record<string, string>> = { ja: 'A1VC38T7YXB528', de: 'A1PA6795UKMFR9', pl: 'A1C3SOZRARQ6R3', tr: 'A33AVAJ2PDY3EV', pt: 'A2Q3Y263D00KWC' };

function listingsContext(input: MapInputFile, opts: { channel: string; marketplace?: string; channelGiven?: boolean }, headerLanguage: string | undefined): AmazonListingsReportContext {
  let marketplace: AmazonMarketplace | undefined;
  if (opts.marketplace !== undefined) {
    marketplace = amazonMarketplaceFor(opts.marketplace);
    if (marketplace === undefined) throw new CliError(`unknown Amazon marketplace "${opts.marketplace}": give its id (A1PA6795UKMFR9), storefront (amazon.de) or country (DE)`);
  } else {
    // The report has no currency column: the marketplace decides it. A channel named after one
    // (amazon-de) says which; a Japanese header is the JP storefront's (amzn/selling-partner-api-models#2293),
    // a German one amazon.de's (the only German-language storefront), a Polish, Turkish or
    // Portuguese one amazon.pl's, amazon.com.tr's or amazon.com.br's. French, Spanish,
    // Italian, Arabic and English headers are shared by storefronts of different currencies
    // (amazon.fr/.ca, .es/.com.mx, .sa/.ae …).
    const byLanguage = headerLanguage === undefined ? undefined : MARKETPLACE_OF_HEADER_LANGUAGE[headerLanguage];
    marketplace = marketplaceOfChannel(opts.channelGiven ? opts.channel : undefined) ?? (byLanguage === undefined ? undefined : amazonMarketplaceFor(byLanguage));
  }
  if (marketplace === undefined) {
    // Every listing still maps: the price is kept as the decimal the report wrote, unpriced
    // (no currency guessed); --marketplace gives it its currency.
    return { channel: opts.channel, locale: headerLanguage ?? 'en' };
  }
  const locale = amazonMarketplaceLocale(marketplace) ?? headerLanguage ?? 'en';
  return { channel: opts.channel, marketplace: { id: marketplace.id, country: marketplace.country, name: marketplace.name }, currency: marketplace.defaultCurrency, locale };
}

export const REPORT_RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.order-report': {
    description:
      'Amazon orders flat-file report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL / _BY_ORDER_DATE_GENERAL; TSV, any charset, gzip) → canonical Order per amazon-order-id',
    expects: 'an Amazon orders flat-file report',
    operation: 'getReportDocument',
    recogniseError: recogniseAmazonReportErrorReply,
    map(input, _extra, { channel }) {
      refuseDocumentReference(input, 'an Amazon orders flat-file report');
      const report = readOrderReport(input.text);
      const missing = (['amazon-order-id', 'purchase-date', 'order-status'] as const).filter((c) => !report.columns.includes(c));
      requireColumns(input, missing, 'an Amazon orders flat-file report');
      return amazonOrderReportToOrders(report.rows, { channel }).map(mapped);
    },
  },
  'amazon.listings-report': {
    description:
      'Amazon merchant listings report (GET_MERCHANT_LISTINGS_ALL_DATA / GET_MERCHANT_LISTINGS_DATA; TSV, any charset, gzip, localized headers) → canonical Listing per row; --marketplace gives the currency',
    expects: 'an Amazon merchant listings report',
    operation: 'getReportDocument',
    recogniseError: recogniseAmazonReportErrorReply,
    map(input, _extra, opts) {
      refuseDocumentReference(input, 'an Amazon merchant listings report');
      const report = readListingsReport(input.text);
      requireColumns(input, report.columns.includes('seller-sku') ? [] : ['seller-sku'], 'an Amazon merchant listings report');
      return amazonListingsReportToListings(report.rows, listingsContext(input, opts, report.headerLanguage)).map(mapped);
    },
  },
};

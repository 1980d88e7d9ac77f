// Types only: the wire format is described once, in connectors/amazon/schemas/listings-items-2021-08-01.ts.
import type { AmazonListingsIssue, AmazonListingsItem, AmazonListingsSubmission, AmazonListingsSummary } from '../../connectors/amazon/schemas/listings-items-2021-08-01.js';
import { ListingSchema, ListingSubmissionSchema, type Listing, type ListingIssue, type ListingSubmission } from '../canonical/listing.js';
import { parseDecimalMoney } from '../canonical/money.js';
import { MappingError, fail, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { normaliseUtcTimestamp } from '../canonical/utc-timestamp.js';
import { amazonMarketplace } from './marketplaces.js';
import { amazonMarketplaceLocale } from './report-marketplaces.js';
import { checkedRecord, compact } from './report-values.js';

/**
 * Amazon Listings Items API 2021-08-01 → canonical records. Pure and total.
 *
 * `getListingsItem` / `searchListingsItems` Item → one canonical Listing per marketplace summary:
 * - marketplace: the summary's id, with country and storefront from mappings/amazon/marketplaces.ts
 *   (an id not in the table is kept alone: Amazon adds marketplaces);
 * - title: `itemName` under the marketplace's locale (`und`, undetermined, for an unknown one);
 * - status: the model's `status[]` says BUYABLE ("can be purchased by shoppers") and
 *   DISCOVERABLE ("visible to shoppers"). `active` = BUYABLE; anything else (DISCOVERABLE only,
 *   or an empty list) = `inactive`: the listing cannot be bought. Amazon's list is kept
 *   verbatim, space-separated, in rawStatus. (Vendor listings are never BUYABLE, per the
 *   model; this maps seller listings.)
 * - price: the B2C offer of that marketplace, `amount` decimal text in `currencyCode`, exact
 *   (more decimals than the currency has is an issue, never rounded); B2B offers are not the list price;
 * - quantity: the DEFAULT (seller-fulfilled) channel's; an AMAZON_xx channel alone means FBA:
 *   fulfilment `marketplace`, no quantity (Amazon holds the stock). Availability is per item,
 *   not per marketplace (the model's FulfillmentAvailability names none);
 * - condition: conditionType verbatim (new_new …); openedAt/updatedAt: createdDate /
 *   lastUpdatedDate in UTC; refs: asin, fnSku, productType;
 * - issues: the item's issues that name this marketplace, or name none.
 * An Item without summaries (includedData left them out, as in peddler's recording) maps to one
 * Listing without marketplace: its sku, issues and availability.
 */

export const AMAZON_LISTINGS_ITEM_RECORD_TYPE = 'amazon.listings-item';
export const AMAZON_LISTINGS_SUBMISSION_RECORD_TYPE = 'amazon.listings-submission';

export interface AmazonListingsItemContext {
  readonly channel: string;
}

const SEVERITY: Readonly<Record<string, ListingIssue['severity']>> = { ERROR: 'error', WARNING: 'warning', INFO: 'info' };

/** Amazon's Issue → canonical ListingIssue; an unknown severity is an issue on its field. */
export function amazonListingsIssue(raw: AmazonListingsIssue & { attributeName?: string | undefined }, field: string, issues: MappingIssue[]): ListingIssue | undefined {
  const severity = SEVERITY[raw.severity.trim().toUpperCase()];
  if (severity === undefined) {
    issues.push({ field: `${field}.severity`, message: `unknown issue severity "${raw.severity}" (expected ERROR, WARNING or INFO)`, value: raw.severity });
    return undefined;
  }
  const names = [...(raw.attributeNames ?? []), ...(raw.attributeName === undefined || raw.attributeName === '' ? [] : [raw.attributeName])].filter((n) => n !== '');
  const categories = (raw.categories ?? []).filter((c) => c !== '');
  const marketplaceIds = (raw.marketplaceIds ?? []).filter((c) => c !== '');
  return compact<ListingIssue>({
    code: raw.code === undefined || raw.code === '' ? undefined : raw.code,
    message: raw.message,
    severity,
    attributeNames: names.length === 0 ? undefined : [...new Set(names)],
    categories: categories.length === 0 ? undefined : categories,
    marketplaceIds: marketplaceIds.length === 0 ? undefined : marketplaceIds,
  });
}

function utc(raw: string | undefined, field: string, issues: MappingIssue[]): string | undefined {
  if (raw === undefined) return undefined;
  const r = normaliseUtcTimestamp(raw);
  if (r.ok) return r.value;
  issues.push({ field, message: r.message, value: raw });
  return undefined;
}

function availability(item: AmazonListingsItem): Pick<Listing, 'quantity' | 'fulfilment' | 'rawFulfilment'> {
  const all = item.fulfillmentAvailability ?? [];
  const own = all.find((a) => a.fulfillmentChannelCode.toUpperCase() === 'DEFAULT');
  if (own !== undefined) return compact({ quantity: own.quantity, fulfilment: 'merchant' as const, rawFulfilment: own.fulfillmentChannelCode });
  const fba = all.find((a) => /^AMAZON(_[A-Z]{2})?$/i.test(a.fulfillmentChannelCode));
  if (fba !== undefined) return { fulfilment: 'marketplace', rawFulfilment: fba.fulfillmentChannelCode };
  return {};
}

function mapSummary(item: AmazonListingsItem, summary: AmazonListingsSummary | undefined, index: number | undefined, ctx: AmazonListingsItemContext, itemIssues: readonly ListingIssue[], problems: MappingIssue[]): MappingResult<Listing> {
  const issues: MappingIssue[] = [...problems];
  const at = index === undefined ? '' : `summaries[${index}].`;
  let marketplace: Listing['marketplace'];
  let price: Listing['price'];
  let title: Listing['title'];
  let status: Listing['status'];
  let rawStatus: string | undefined;
  if (summary !== undefined) {
    const known = amazonMarketplace(summary.marketplaceId);
    marketplace = known === undefined ? { id: summary.marketplaceId } : { id: known.id, country: known.country, name: known.name };
    const locale = (known === undefined ? undefined : amazonMarketplaceLocale(known)) ?? 'und';
    if (summary.itemName !== undefined && summary.itemName.trim() !== '') title = { [locale]: summary.itemName };
    const statuses = (summary.status ?? []).map((s) => s.trim().toUpperCase());
    status = statuses.includes('BUYABLE') ? 'active' : 'inactive';
    rawStatus = statuses.length === 0 ? undefined : statuses.join(' ');
    const offers = (item.offers ?? []).map((o, i) => ({ o, i })).filter(({ o }) => o.marketplaceId === summary.marketplaceId && o.offerType.toUpperCase() === 'B2C');
    const offer = offers[0];
    if (offer !== undefined) {
      const money = parseDecimalMoney(offer.o.price.amount, offer.o.price.currencyCode.trim().toUpperCase());
      if (money.ok) price = money.money;
      else issues.push({ field: `offers[${offer.i}].price`, message: money.message, value: offer.o.price.amount });
    }
  }
  const openedAt = utc(summary?.createdDate, `${at}createdDate`, issues);
  const updatedAt = utc(summary?.lastUpdatedDate, `${at}lastUpdatedDate`, issues);
  if (issues.length > 0) return fail(new MappingError(AMAZON_LISTINGS_ITEM_RECORD_TYPE, item.sku, issues));
  const own = summary === undefined ? itemIssues : itemIssues.filter((i) => i.marketplaceIds === undefined || i.marketplaceIds.includes(summary.marketplaceId));
  const listing = compact<Listing>({
    channel: ctx.channel,
    vendor: 'amazon',
    sku: item.sku,
    marketplace,
    title,
    price,
    ...availability(item),
    status,
    rawStatus,
    openedAt,
    updatedAt,
    condition: summary?.conditionType,
    issues: own.length === 0 && item.issues === undefined ? undefined : [...own],
    refs: compact({ asin: summary?.asin, fnSku: summary?.fnSku, productType: summary?.productType }) as Record<string, string>,
  });
  return checkedRecord(ListingSchema, listing, AMAZON_LISTINGS_ITEM_RECORD_TYPE, item.sku);
}

/** One Item → one Listing per marketplace summary (one without marketplace when it has none). */
export function amazonListingsItemToListings(item: AmazonListingsItem, ctx: AmazonListingsItemContext): MappingResult<Listing>[] {
  try {
    const problems: MappingIssue[] = [];
    const itemIssues = (item.issues ?? []).flatMap((raw, i) => amazonListingsIssue(raw, `issues[${i}]`, problems) ?? []);
    const summaries = item.summaries ?? [];
    if (summaries.length === 0) return [mapSummary(item, undefined, undefined, ctx, itemIssues, problems)];
    return summaries.map((s, i) => mapSummary(item, s, i, ctx, itemIssues, problems));
  } catch (e) {
    return [fail(new MappingError(AMAZON_LISTINGS_ITEM_RECORD_TYPE, item.sku, [{ field: '(item)', message: `mapping failed unexpectedly: ${(e as Error).message}` }]))];
  }
}

const SUBMISSION_STATUS: Readonly<Record<string, ListingSubmission['status']>> = { ACCEPTED: 'accepted', INVALID: 'invalid', VALID: 'valid' };

/** A put/patch/delete ListingsItemSubmissionResponse → canonical ListingSubmission. */
export function amazonListingsSubmissionToRecord(reply: AmazonListingsSubmission, ctx: AmazonListingsItemContext): MappingResult<ListingSubmission> {
  const problems: MappingIssue[] = [];
  const status = SUBMISSION_STATUS[reply.status.trim().toUpperCase()];
  if (status === undefined) problems.push({ field: 'status', message: `unknown submission status "${reply.status}" (expected ACCEPTED, INVALID or VALID)`, value: reply.status });
  const issues = (reply.issues ?? []).flatMap((raw, i) => amazonListingsIssue(raw, `issues[${i}]`, problems) ?? []);
  if (problems.length > 0 || status === undefined) return fail(new MappingError(AMAZON_LISTINGS_SUBMISSION_RECORD_TYPE, reply.sku, problems));
  const refs: Record<string, string> = {};
  for (const id of reply.identifiers ?? []) if (id.asin !== undefined && id.marketplaceId !== undefined) refs[`asin:${id.marketplaceId}`] = id.asin;
  const record: ListingSubmission = { channel: ctx.channel, vendor: 'amazon', sku: reply.sku, status, rawStatus: reply.status, submissionId: reply.submissionId, issues, refs };
  return checkedRecord(ListingSubmissionSchema, record, AMAZON_LISTINGS_SUBMISSION_RECORD_TYPE, reply.sku);
}

/**
 * Amazon Finances API replies → the settlement ledger.
 *
 * Finances v0 (`listFinancialEvents`, `…ByGroupId`, `…ByOrderId`): one SettlementLine per money
 * component of every event (a charge, fee, promotion or withheld tax of a shipment item, an
 * order-level fee, an ad invoice, a deal fee …), as Amazon writes it: signed as its effect on
 * the seller's balance (fees negative, charges positive, refunded charges negative), `gross` only.
 * `listFinancialEventGroups` → one Settlement header per group. Finances 2024-06-19
 * `listTransactions` → one SettlementLine per transaction.
 *
 * v0 line identity (`lineId`), built from the event's own ids only:
 *   `fe:<EventType>:<order or event id>:<PostedDate>:<item id>:<component list>:<type>:<n>`
 * - EventType is the list's name without `EventList` (Shipment, Refund, ServiceFee …);
 * - the order id is AmazonOrderId (else SellerOrderId); events without an order name themselves
 *   by their own id (InvoiceId, DealId, CouponId/PaymentEventId, FinancialEventGroupId …);
 * - PostedDate as sent (`-` when Amazon omits it); the item id is OrderItemId, or
 *   OrderAdjustmentItemId for refund/chargeback adjustment items (`-` for order-level lists);
 * - the component list (ItemChargeList, ItemFeeAdjustmentList, PromotionList …) and the type
 *   (ChargeType, FeeType, PromotionType+PromotionId, TaxCollectionModel/ChargeType);
 * - n counts repeats of the same list and type within that item (0 for the first).
 * Why it is stable: every part is data of the event itself, not of the page or the query, so the
 * same event read by date range, by group id or by order id, on any page, gives the same ids.
 * Only an event that carries no id of its own at all (an id-less adjustment) falls back to its
 * position in its list (`#<i>`), which is stable for one reply but not across page cuts.
 *
 * A component of 0 gives no line (it moves no money; a Shipment item lists every fee type, mostly 0.0).
 *
 * Kinds: Principal and other item charges (shipping, gift wrap) and promotions → sale; fees → fee;
 * any tax (a charge type naming Tax, withheld taxes, an ad's or deal's tax) → other (the enum has
 * no tax kind, rawType keeps the type); in a Refund event charges and promotions → refund and its
 * fees (given back) → fee; Chargeback and GuaranteeClaim (A-to-z) → chargeback, fees → fee;
 * ProductAdsPayment, ServiceFee, SellerDealPayment, CouponPayment and other fee-only events → fee;
 * Adjustment → adjustment, except shipping labels bought or refunded (`PostageBilling_*`,
 * `ReturnPostageBilling_*`, `PostageRefund*`) → fee and held-back money (`ReserveEvent`, `ReserveDebit`,
 * `ReserveCredit`) → reserve; anything else → other. rawType is `<EventType>/<list>/<type>`.
 *
 * Deviation accepted: ServiceFeeEvent, DebtRecoveryEvent and LoanServicingEvent come without a
 * PostedDate (amzn/selling-partner-api-models#449, #2143). Such a line takes `postedFallback`
 * (the caller's query window end, or the group's end) when given; without one it is rejected
 * naming PostedDate and the issue, never dated by guess.
 */
import {
  currencyInfo,
  MappingError,
  normaliseUtcTimestamp,
  parseDecimalMoney,
  settlementIdempotencyKey,
  type MappingIssue,
  type MappingResult,
  type Money,
  type Settlement,
  type SettlementLine,
  type SettlementLineKind,
} from '../canonical/index.js';
import { moneyFromJsonNumber } from '../canonical/json-numbers.js';

export const AMAZON_FINANCIAL_EVENTS_RECORD_TYPE = 'amazon.financial-events';
export const AMAZON_FINANCIAL_EVENT_GROUPS_RECORD_TYPE = 'amazon.financial-event-groups';
export const AMAZON_TRANSACTIONS_RECORD_TYPE = 'amazon.transactions';

type SettlementFeeDetail = NonNullable<SettlementLine['feeDetails']>[number];
type Rec = Readonly<Record<string, unknown>>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (r: Rec, k: string): unknown => (Object.hasOwn(r, k) ? r[k] : undefined);
const text = (r: Rec, k: string): string | undefined => {
  const v = own(r, k);
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
};
const list = (r: Rec, k: string): unknown[] => {
  const v = own(r, k);
  return Array.isArray(v) ? v : [];
};

/**
 * A wire amount `{CurrencyCode, CurrencyAmount}` (v0) or `{currencyCode, currencyAmount}`
 * (2024-06-19) → Money. The amount is a JSON number in the model; read it as the exact decimal
 * text the caller kept (connectors/http/lossless-json.ts quoteNumberLiterals), or, when given a
 * number, by its shortest decimal form (json-numbers.ts): never by float arithmetic.
 */
export function readCurrencyAmount(value: unknown, path: string, issues: MappingIssue[], keys: { code: string; amount: string } = { code: 'CurrencyCode', amount: 'CurrencyAmount' }): Money | undefined {
  if (!isRec(value)) {
    issues.push({ field: path, message: `expected {${keys.code}, ${keys.amount}}` });
    return undefined;
  }
  const code = own(value, keys.code);
  const amount = own(value, keys.amount);
  if (typeof code !== 'string' || currencyInfo(code.toUpperCase()) === undefined) {
    issues.push({ field: `${path}.${keys.code}`, message: code === undefined || code === null ? 'is required but missing' : `"${String(code)}" is not an ISO 4217 currency code`, ...(typeof code === 'string' ? { value: code } : {}) });
    return undefined;
  }
  const currency = code.toUpperCase();
  if (typeof amount === 'string') {
    const r = parseDecimalMoney(amount, currency);
    if (r.ok) return r.money;
    issues.push({ field: `${path}.${keys.amount}`, message: r.message, value: amount });
    return undefined;
  }
  if (typeof amount === 'number') {
    const r = moneyFromJsonNumber(amount, currency);
    if (r.ok) return r.money;
    issues.push({ field: `${path}.${keys.amount}`, message: r.message, value: amount });
    return undefined;
  }
  issues.push({ field: `${path}.${keys.amount}`, message: amount === undefined || amount === null ? 'is required but missing' : 'expected a decimal number' });
  return undefined;
}

function readDate(r: Rec, key: string, path: string, issues: MappingIssue[]): string | undefined {
  const raw = own(r, key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') {
    issues.push({ field: path, message: 'expected an ISO 8601 date-time string' });
    return undefined;
  }
  const v = normaliseUtcTimestamp(raw);
  if (v.ok) return v.value;
  issues.push({ field: path, message: v.message, value: raw });
  return undefined;
}

// ---- Finances v0: financial events ----

type Role = 'charge' | 'fee' | 'promotion' | 'tax' | 'amount';

/** Event type (list name without `EventList`) → kind of its charges/promotions (fees are always fee, taxes other). */
const EVENT_CHARGE_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  Shipment: 'sale',
  ShipmentSettle: 'sale',
  Refund: 'refund',
  Chargeback: 'chargeback',
  GuaranteeClaim: 'chargeback',
  Adjustment: 'adjustment',
  SAFETReimbursement: 'adjustment',
  FBALiquidation: 'sale',
  ProductAdsPayment: 'fee',
  ServiceFee: 'fee',
  SellerDealPayment: 'fee',
  CouponPayment: 'fee',
  ImagingServicesFee: 'fee',
  SellerReviewEnrollmentPayment: 'fee',
  CapacityReservationBillingEvent: 'fee',
  ValueAddedServiceCharge: 'fee',
};

/** The kind of one component (see the table in the file comment). */
export function amazonFinancialEventKind(eventType: string, role: Role, type: string): SettlementLineKind {
  if (role === 'tax' || ((role === 'charge' || role === 'amount') && /tax/i.test(type))) return 'other';
  if (role === 'fee' && eventType !== 'Adjustment') return 'fee';
  if (eventType === 'Adjustment') {
    // The model names `PostageBilling`, `PostageRefund` and `ReserveEvent`; real replies write them with suffixes
    // (`PostageBilling_Postage`, `ReturnPostageBilling_FuelSurcharge`) and as `ReserveDebit` / `ReserveCredit`.
    if (/^(Return)?Postage(Billing|Refund)/i.test(type)) return 'fee';
    if (/^Reserve/i.test(type)) return 'reserve';
  }
  return EVENT_CHARGE_KINDS[eventType] ?? 'other';
}

/** Order-level and item-level component lists of shipment-like events (Shipment, Refund, GuaranteeClaim, Chargeback, ShipmentSettle). */
const ORDER_LISTS: readonly (readonly [string, Role])[] = [
  ['OrderChargeList', 'charge'],
  ['OrderChargeAdjustmentList', 'charge'],
  ['ShipmentFeeList', 'fee'],
  ['ShipmentFeeAdjustmentList', 'fee'],
  ['OrderFeeList', 'fee'],
  ['OrderFeeAdjustmentList', 'fee'],
];
const ITEM_LISTS: readonly (readonly [string, Role])[] = [
  ['ItemChargeList', 'charge'],
  ['ItemChargeAdjustmentList', 'charge'],
  ['ItemFeeList', 'fee'],
  ['ItemFeeAdjustmentList', 'fee'],
  ['ItemTaxWithheldList', 'tax'],
  ['PromotionList', 'promotion'],
  ['PromotionAdjustmentList', 'promotion'],
];
/** Lists of charge/fee components other events carry (ServiceFeeEvent.FeeList, AdhocDisbursement …). */
const EVENT_LISTS: readonly (readonly [string, Role])[] = [
  ['FeeList', 'fee'],
  ['ChargeList', 'charge'],
  ['RentalChargeList', 'charge'],
  ['RentalFeeList', 'fee'],
  ['RentalTaxWithheldList', 'tax'],
  ['RetrochargeTaxWithheldList', 'tax'],
];
/**
 * Direct money members (lower-cased) of an event that restate the sum of others (Coupon
 * TotalAmount = fee + charge, ProductAds transactionValue = base + tax, AffordabilityExpense
 * TotalExpense = base + taxes): left out so nothing is counted twice, unless they are the only money.
 * TaxWithholding BaseAmount is the base the tax was computed on, not money moved.
 */
const TOTAL_MEMBERS = new Set(['totalamount', 'transactionvalue', 'totalamountincludingtax', 'totalexpense', 'baseamount']);
/** Direct money members (lower-cased) that are a tax. */
const TAX_MEMBERS = new Set(['taxvalue', 'taxamount', 'taxtypeigst', 'taxtypecgst', 'taxtypesgst', 'withheldamount', 'basetax', 'shippingtax']);
/**
 * Own ids of events without an order, most specific first. The model writes ProductAds and
 * SellerDeal members in camelCase (`invoiceId`, `postedDate`, `feeAmount`); real replies send
 * them in PascalCase (`InvoiceId`, `PostedDate`, `FeeAmount`: the eolabs recordings in
 * test/fixtures/amazon/finances): both are read.
 */
const EVENT_ID_MEMBERS = ['InvoiceId', 'invoiceId', 'DealId', 'dealId', 'PaymentEventId', 'CouponId', 'EnrollmentId', 'TransactionId', 'TransferId', 'DisbursementId', 'AdjustmentEventId', 'SAFETClaimId', 'TDSOrderId', 'OriginalRemovalOrderId', 'OrderId', 'MerchantOrderId', 'FinancialEventGroupId', 'FeeReason', 'AdjustmentType'];
/** Where an event states when it was posted: PostedDate; ProductAds/SellerDeal `postedDate` (model); PayWithAmazon TransactionPostedDate; ServiceProviderCredit TransactionCreationDate. */
const DATE_MEMBERS = ['PostedDate', 'postedDate', 'TransactionPostedDate', 'TransactionCreationDate'];

interface Component {
  readonly list: string;
  readonly role: Role;
  readonly type: string;
  readonly amount: unknown;
  readonly path: string;
  readonly itemId?: string;
  readonly sku?: string;
  readonly description?: string;
}

/** The components of one list: ChargeComponent {ChargeType, ChargeAmount}, FeeComponent {FeeType, FeeAmount}, Promotion {PromotionType, PromotionId, PromotionAmount}, TaxWithheldComponent {TaxCollectionModel, TaxesWithheld[]}. */
function componentsOf(holder: Rec, listName: string, role: Role, path: string, item: { itemId?: string; sku?: string }): Component[] {
  return list(holder, listName).flatMap((c, i): Component[] => {
    const at = `${path}.${listName}[${i}]`;
    if (!isRec(c)) return [{ list: listName, role, type: '?', amount: c, path: at, ...item }];
    if (role === 'tax') {
      const model = text(c, 'TaxCollectionModel') ?? '-';
      return list(c, 'TaxesWithheld').map((t, j) => {
        const tr = isRec(t) ? t : {};
        return { list: listName, role, type: `${model}/${text(tr, 'ChargeType') ?? '?'}`, amount: own(tr, 'ChargeAmount'), path: `${at}.TaxesWithheld[${j}].ChargeAmount`, ...item };
      });
    }
    if (role === 'promotion') {
      const id = text(c, 'PromotionId');
      return [{ list: listName, role, type: `${text(c, 'PromotionType') ?? '?'}${id ? `+${id}` : ''}`, amount: own(c, 'PromotionAmount'), path: `${at}.PromotionAmount`, ...item }];
    }
    // A fee may be a FeeComponent or, in some lists, a ChargeComponent; read whichever it is.
    const type = text(c, 'FeeType') ?? text(c, 'ChargeType') ?? '?';
    const amountKey = 'FeeAmount' in c ? 'FeeAmount' : 'ChargeAmount';
    return [{ list: listName, role, type, amount: own(c, amountKey), path: `${at}.${amountKey}`, ...item }];
  });
}

/** Every money component of one event, in the order Amazon writes them. */
function eventComponents(eventType: string, e: Rec, path: string): Component[] {
  const out: Component[] = [];
  for (const [name, role] of ORDER_LISTS) out.push(...componentsOf(e, name, role, path, {}));
  for (const itemsKey of ['ShipmentItemList', 'ShipmentItemAdjustmentList']) {
    list(e, itemsKey).forEach((it, i) => {
      if (!isRec(it)) return;
      const itemId = text(it, 'OrderItemId') ?? text(it, 'OrderAdjustmentItemId');
      const sku = text(it, 'SellerSKU');
      const item = { ...(itemId ? { itemId } : {}), ...(sku ? { sku } : {}) };
      for (const [name, role] of ITEM_LISTS) out.push(...componentsOf(it, name, role, `${path}.${itemsKey}[${i}]`, item));
    });
  }
  for (const [name, role] of EVENT_LISTS) out.push(...componentsOf(e, name, role, path, {}));
  // Single components (CouponPayment FeeComponent/ChargeComponent) and direct amounts (ProductAds baseValue/taxValue, SellerDeal FeeAmount/TaxAmount, Adjustment AdjustmentAmount …).
  if (isRec(own(e, 'FeeComponent'))) out.push(...componentsOf({ FeeComponent: [own(e, 'FeeComponent')] }, 'FeeComponent', 'fee', path, {}).map((c) => ({ ...c, path: `${path}.FeeComponent.FeeAmount` })));
  if (isRec(own(e, 'ChargeComponent'))) out.push(...componentsOf({ ChargeComponent: [own(e, 'ChargeComponent')] }, 'ChargeComponent', 'charge', path, {}).map((c) => ({ ...c, path: `${path}.ChargeComponent.ChargeAmount` })));
  const feeType = text(e, 'FeeType') ?? text(e, 'feeType');
  const adjustmentType = text(e, 'AdjustmentType');
  const totals: Component[] = [];
  for (const [key, v] of Object.entries(e)) {
    if (!isRec(v) || !('CurrencyAmount' in v)) continue;
    const k = key.toLowerCase();
    if (TOTAL_MEMBERS.has(k)) {
      if (k !== 'baseamount') totals.push({ list: key, role: 'amount', type: key, amount: v, path: `${path}.${key}` });
      continue;
    }
    const type = k === 'feeamount' && feeType ? feeType : key === 'AdjustmentAmount' && adjustmentType ? adjustmentType : key;
    const role: Role = TAX_MEMBERS.has(k) ? 'tax' : /fee/.test(k) ? 'fee' : 'amount';
    out.push({ list: key, role, type, amount: v, path: `${path}.${key}` });
  }
  // An event whose only money is its total (SellerReviewEnrollmentPayment TotalAmount): the total then is the line.
  if (out.length === 0) out.push(...totals);
  // Amazon's item-level withheld taxes and adjustments hang under the items (ShipmentItemAdjustmentList) of Adjustment events too.
  list(e, 'AdjustmentItemList').forEach((it, i) => {
    if (!isRec(it) || !isRec(own(it, 'TotalAmount'))) return;
    const sku = text(it, 'SellerSKU');
    out.push({ list: 'AdjustmentItemList', role: 'amount', type: adjustmentType ?? 'AdjustmentItem', amount: own(it, 'TotalAmount'), path: `${path}.AdjustmentItemList[${i}].TotalAmount`, ...(sku ? { sku, itemId: sku } : {}) });
  });
  // Adjustment events carry both the sum (AdjustmentAmount) and its items: keep the items only when there are some.
  if (eventType === 'Adjustment' && out.some((c) => c.list === 'AdjustmentItemList')) return out.filter((c) => c.list !== 'AdjustmentAmount');
  return out;
}

export interface AmazonFinancesOptions {
  /** The date to post a line at when its event has no PostedDate (#449): the query's PostedBefore, the group's end. */
  readonly postedFallback?: string;
}

/**
 * The lines of one `FinancialEvents` object (a listFinancialEvents* payload's), in list order.
 * `path` prefixes the fields named in errors (`payload.FinancialEvents`).
 */
export function amazonFinancialEventsToLines(financialEvents: unknown, path = 'payload.FinancialEvents', opts: AmazonFinancesOptions = {}): MappingResult<SettlementLine>[] {
  if (!isRec(financialEvents)) return [{ ok: false, error: new MappingError(AMAZON_FINANCIAL_EVENTS_RECORD_TYPE, undefined, [{ field: path, message: 'expected the FinancialEvents object' }]) }];
  const out: MappingResult<SettlementLine>[] = [];
  for (const [listName, events] of Object.entries(financialEvents)) {
    if (!listName.endsWith('EventList') || !Array.isArray(events)) continue;
    const eventType = listName.replace(/EventList$/, '');
    events.forEach((e, i) => out.push(...eventLines(eventType, e, `${path}.${listName}[${i}]`, i, opts)));
  }
  return out;
}

function eventLines(eventType: string, e: unknown, path: string, index: number, opts: AmazonFinancesOptions): MappingResult<SettlementLine>[] {
  if (!isRec(e)) return [{ ok: false, error: new MappingError(AMAZON_FINANCIAL_EVENTS_RECORD_TYPE, undefined, [{ field: path, message: 'expected an event object' }]) }];
  const orderId = text(e, 'AmazonOrderId');
  const sellerOrderId = text(e, 'SellerOrderId');
  const ownId = EVENT_ID_MEMBERS.map((k) => text(e, k)).find((v) => v !== undefined);
  const subject = orderId ?? sellerOrderId ?? ownId ?? `#${index}`;
  const dateKey = DATE_MEMBERS.find((k) => text(e, k) !== undefined) ?? 'PostedDate';
  const rawPosted = text(e, dateKey);
  const dateIssues: MappingIssue[] = [];
  const posted = readDate(e, dateKey, `${path}.${dateKey}`, dateIssues);
  const postedAt = posted ?? (rawPosted === undefined ? opts.postedFallback : undefined);
  const seen = new Map<string, number>();
  const description = text(e, 'DealDescription') ?? text(e, 'SellerCouponDescription') ?? text(e, 'FeeDescription') ?? text(e, 'MarketplaceName');
  return eventComponents(eventType, e, path).flatMap((c): MappingResult<SettlementLine>[] => {
    const repeat = `${c.itemId ?? '-'}|${c.list}|${c.type}`;
    const n = seen.get(repeat) ?? 0;
    seen.set(repeat, n + 1);
    const lineId = ['fe', eventType, subject, rawPosted ?? '-', c.itemId ?? '-', c.list, c.type, String(n)].join(':');
    const issues: MappingIssue[] = [...dateIssues];
    const gross = readCurrencyAmount(c.amount, c.path, issues);
    // A component of 0 (Amazon lists every fee type of an item, most of them 0.0) moves no money: no line.
    if (gross !== undefined && gross.amountMinor === 0) return [];
    if (postedAt === undefined && rawPosted === undefined) {
      issues.push({ field: `${path}.PostedDate`, message: 'is missing (Amazon omits it on some events, ServiceFeeEvent among them: amzn/selling-partner-api-models#449) and no fallback date was given' });
    }
    if (issues.length > 0 || gross === undefined || postedAt === undefined) return [{ ok: false, error: new MappingError(AMAZON_FINANCIAL_EVENTS_RECORD_TYPE, lineId, issues) }];
    return [{
      ok: true,
      value: {
        source: 'amazon',
        lineId,
        idempotencyKey: settlementIdempotencyKey('amazon', lineId),
        kind: amazonFinancialEventKind(eventType, c.role, c.type),
        rawType: `${eventType}/${c.list}/${c.type}`,
        currency: gross.currency,
        gross,
        postedAt,
        ...(description ? { description } : {}),
        refs: {
          ...(orderId ? { orderId } : {}),
          ...(sellerOrderId ? { merchantOrderId: sellerOrderId } : {}),
          ...(c.sku ? { sku: c.sku } : {}),
          ...(ownId && !orderId ? { sourceObjectId: ownId } : {}),
        },
      },
    }];
  });
}

// ---- Finances v0: financial event groups ----

/**
 * One group → the Settlement header: id FinancialEventGroupId, total OriginalTotal (the group's
 * own currency), period FinancialEventGroupStart/End, deposit FundTransferDate. ConvertedTotal,
 * BeginningBalance, ProcessingStatus/FundTransferStatus, TraceId and AccountTail have no field in
 * the canonical Settlement and are not carried. An Open group states no OriginalTotal yet (it
 * is still collecting events): it is rejected naming the field, not given a zero total.
 */
export function amazonFinancialEventGroupToSettlement(group: unknown, path: string): MappingResult<Settlement> {
  const issues: MappingIssue[] = [];
  if (!isRec(group)) return { ok: false, error: new MappingError(AMAZON_FINANCIAL_EVENT_GROUPS_RECORD_TYPE, undefined, [{ field: path, message: 'expected a FinancialEventGroup object' }]) };
  const id = text(group, 'FinancialEventGroupId');
  if (id === undefined) issues.push({ field: `${path}.FinancialEventGroupId`, message: 'is required but missing' });
  const totalRaw = own(group, 'OriginalTotal');
  if (totalRaw === undefined || totalRaw === null) issues.push({ field: `${path}.OriginalTotal`, message: `is missing (ProcessingStatus ${text(group, 'ProcessingStatus') ?? 'not given'}): the group has no total yet` });
  const total = totalRaw === undefined || totalRaw === null ? undefined : readCurrencyAmount(totalRaw, `${path}.OriginalTotal`, issues);
  const startAt = readDate(group, 'FinancialEventGroupStart', `${path}.FinancialEventGroupStart`, issues);
  const endAt = readDate(group, 'FinancialEventGroupEnd', `${path}.FinancialEventGroupEnd`, issues);
  const depositAt = readDate(group, 'FundTransferDate', `${path}.FundTransferDate`, issues);
  if (issues.length > 0 || id === undefined || total === undefined) return { ok: false, error: new MappingError(AMAZON_FINANCIAL_EVENT_GROUPS_RECORD_TYPE, id, issues) };
  return {
    ok: true,
    value: {
      source: 'amazon',
      settlementId: id,
      idempotencyKey: settlementIdempotencyKey('amazon', id),
      ...(startAt ? { startAt } : {}),
      ...(endAt ? { endAt } : {}),
      ...(depositAt ? { depositAt } : {}),
      total,
      currency: total.currency,
    },
  };
}

// ---- Finances 2024-06-19: transactions ----

/** transactionType → kind (lower-cased keys); unknown types → other. */
export const AMAZON_TRANSACTION_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  shipment: 'sale',
  refund: 'refund',
  chargeback: 'chargeback',
  guaranteeclaim: 'chargeback',
  'a-to-z guarantee claim': 'chargeback',
  servicefee: 'fee',
  'service fee': 'fee',
  productadspayment: 'fee',
  sellerdealpayment: 'fee',
  couponpayment: 'fee',
  adjustment: 'adjustment',
  retrocharge: 'adjustment',
  // Amazon's compensation for lost or damaged FBA units (amzn/selling-partner-api-models#4993), as the settlement report's adjustment.
  fbainventoryreimbursement: 'adjustment',
  safetreimbursement: 'adjustment',
  transfer: 'payout',
  disbursement: 'payout',
  'deferred release': 'reserve',
};

const TX_MONEY = { code: 'currencyCode', amount: 'currencyAmount' };
const FEE_BREAKDOWN = /fee|expense|commission/i;

/** Leaf breakdowns under a breakdown (the breakdown itself when it has none), with their path of types. */
function leaves(b: Rec, path: string, typePath: string): { type: string; amount: unknown; path: string }[] {
  const kids = list(b, 'breakdowns').filter(isRec);
  if (kids.length === 0) return [{ type: typePath, amount: own(b, 'breakdownAmount'), path: `${path}.breakdownAmount` }];
  return kids.flatMap((k, i) => leaves(k, `${path}.breakdowns[${i}]`, `${typePath}/${text(k, 'breakdownType') ?? '?'}`));
}

/**
 * One transaction → one SettlementLine. The transaction is Amazon's own unit (it has its own id
 * and status); its breakdowns have no ids, so they are details of the line, not lines: the leaf
 * breakdowns under top-level breakdowns naming a fee or expense become `feeDetails` (type =
 * the breakdownType path, `Expenses/FBA fees`), `fee` their sum, `net` the totalAmount and
 * `gross = net − fee`, so `net = gross + fee` holds. A transaction without fee breakdowns
 * states gross = totalAmount only.
 *
 * Identity: `tx:<transactionId>` when Amazon sends one; else (the model's own example has none)
 * `tx:<transactionType>:<relatedIdentifiers name=value, sorted>:<postedDate>:<n>`, n counting
 * repeats of that key in the reply (stable for one reply, not across page cuts).
 */
export function amazonTransactionToLine(tx: unknown, path: string, fallbackId: (key: string) => string): MappingResult<SettlementLine> {
  if (!isRec(tx)) return { ok: false, error: new MappingError(AMAZON_TRANSACTIONS_RECORD_TYPE, undefined, [{ field: path, message: 'expected a transaction object' }]) };
  const issues: MappingIssue[] = [];
  const type = text(tx, 'transactionType');
  const rawPosted = text(tx, 'postedDate');
  const related = list(tx, 'relatedIdentifiers').filter(isRec).map((r) => [text(r, 'relatedIdentifierName') ?? '?', text(r, 'relatedIdentifierValue') ?? ''] as const);
  const rel = (name: string) => related.find(([n]) => n === name)?.[1] || undefined;
  const transactionId = text(tx, 'transactionId');
  const lineId = transactionId !== undefined ? `tx:${transactionId}` : fallbackId(['tx', type ?? '-', related.map(([n, v]) => `${n}=${v}`).sort().join(',') || '-', rawPosted ?? '-'].join(':'));
  if (type === undefined) issues.push({ field: `${path}.transactionType`, message: 'is required but missing' });
  const postedAt = readDate(tx, 'postedDate', `${path}.postedDate`, issues);
  if (rawPosted === undefined) issues.push({ field: `${path}.postedDate`, message: 'is required but missing' });
  const net = readCurrencyAmount(own(tx, 'totalAmount'), `${path}.totalAmount`, issues, TX_MONEY);
  const feeDetails: SettlementFeeDetail[] = [];
  list(tx, 'breakdowns').forEach((b, i) => {
    if (!isRec(b)) return;
    const top = text(b, 'breakdownType') ?? '?';
    if (!FEE_BREAKDOWN.test(top)) return;
    for (const leaf of leaves(b, `${path}.breakdowns[${i}]`, top)) {
      const amount = readCurrencyAmount(leaf.amount, leaf.path, issues, TX_MONEY);
      if (amount === undefined) continue;
      if (net !== undefined && amount.currency !== net.currency) {
        issues.push({ field: leaf.path, message: `${amount.currency} differs from the transaction's ${net.currency}` });
        continue;
      }
      feeDetails.push({ type: leaf.type, amount });
    }
  });
  if (issues.length > 0 || net === undefined || postedAt === undefined || type === undefined) return { ok: false, error: new MappingError(AMAZON_TRANSACTIONS_RECORD_TYPE, lineId, issues) };
  const feeMinor = feeDetails.reduce((s, f) => s + f.amount.amountMinor, 0);
  const fee: Money = { amountMinor: feeMinor, currency: net.currency };
  const description = text(tx, 'description');
  const status = text(tx, 'transactionStatus');
  const groupId = rel('FINANCIAL_EVENT_GROUP_ID');
  const orderId = rel('ORDER_ID');
  return {
    ok: true,
    value: {
      source: 'amazon',
      lineId,
      idempotencyKey: settlementIdempotencyKey('amazon', lineId),
      kind: AMAZON_TRANSACTION_KINDS[type.toLowerCase()] ?? 'other',
      rawType: type,
      ...(status ? { status } : {}),
      currency: net.currency,
      ...(feeDetails.length === 0
        ? { gross: net }
        : { gross: { amountMinor: net.amountMinor - feeMinor, currency: net.currency }, fee, net, feeDetails }),
      postedAt,
      ...(description ? { description } : {}),
      refs: {
        ...(orderId ? { orderId } : {}),
        ...(groupId ? { payoutId: groupId } : {}),
        ...(transactionId ? { sourceObjectId: transactionId } : {}),
      },
    },
  };
}

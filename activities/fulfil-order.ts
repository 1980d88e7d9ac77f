/**
 * Activities of the fulfilOrder workflow, over a service the CLI also calls (`caravan ship
 * --dry-run`, `caravan rates`): plan the shipment from the stored order and catalogue, quote
 * duties for DDP, shop rates across the tenant's carriers, buy the label once, keep labels in
 * the document store, record the shipment, and void the label when a later step fails.
 *
 * Buying once: the idempotency key is derived from the order (and how many of its shipments
 * were voided before), sent to the carrier as the shipment's reference and used as the store's
 * key. A retried purchase first reads the store (its predecessor recorded the label), then asks
 * the carrier whether a shipment with that reference exists (the reply was lost on its way);
 * only when neither knows it does it buy.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError } from '../config/errors.js';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import type { FulfilShipping } from '../config/shipping.js';
import type { Carrier } from '../connectors/capabilities.js';
import { connectorFor } from '../connectors/registry.js';
import { ConnectorError } from '../connectors/http/errors.js';
import { LandedCostError } from '../engines/duty/index.js';
import { converterFor, createFxRateTable, FxConversionError, type Converter } from '../engines/fx/index.js';
import {
  chooseRate,
  commercialInvoicePdf,
  CommercialInvoiceError,
  planShipment,
  rankRates,
  RateShoppingError,
  ShippingPlanError,
  type RankedRate,
  type ShippingRule,
} from '../engines/shipping/index.js';
import { MappingError, ShipmentSchema, type Incoterm, type Money, type Order, type Product, type RateQuote, type Shipment } from '../mappings/canonical/index.js';
import type { DocumentRef, DocumentStore } from '../store/document-store.js';
import { closeRunRecord, getOrder, getProduct, getShipment, listOrderShipments, recordRunStarted, recordShipmentPurchase, setShipmentState, stableJson, type StoredShipmentDocument } from '../store/index.js';
import { FLOWS } from '../temporal.config.js';
import { asActivity } from './failures.js';
import { fulfilmentCarrierFor, valueAtPath, type CarrierShipContext, type FulfilmentCarrier } from './fulfil-order-carriers.js';
import type {
  BuyLabelInput,
  BuyLabelResult,
  CancelLabelInput,
  CancelLabelResult,
  CarrierConnectionRef,
  FulfilmentDuties,
  FulfilOrderActivities,
  PlanFulfilmentInput,
  PlanFulfilmentResult,
  RateChoice,
  RateFulfilmentResult,
} from './fulfil-order-types.js';
import { createFxService } from './fx.js';
import { createQuoteService, QuoteInputError } from './quotes.js';
import type { VendorClients } from './vendor-clients.js';

export interface FulfilmentActivityContext {
  /** 1 for the first attempt, 2 for its first retry, … */
  readonly attempt: number;
  readonly cancellationSignal?: AbortSignal;
  /** What the previous attempt reported by heartbeat (an uploaded trade document's id). */
  readonly heartbeatDetails?: unknown;
  heartbeat?(details: unknown): void;
}

/** What buyLabel heartbeats after uploading the invoice: a retry of the same purchase names it instead of uploading again. */
interface UploadedInvoice {
  readonly connection: string;
  readonly sha256: string;
  readonly documentId: string;
}

function uploadedBefore(details: unknown, connection: string, sha256: string): string | undefined {
  const d = details as Partial<UploadedInvoice> | undefined;
  return d?.connection === connection && d.sha256 === sha256 && typeof d.documentId === 'string' ? d.documentId : undefined;
}

export interface FulfilOrderDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  documents: DocumentStore;
  clock?: () => Date;
  context?: () => FulfilmentActivityContext;
}

/** Failures no retry cures: the order cannot be declared, no rate qualifies, no FX rate. */
const FULFIL_NON_RETRYABLE = [ShippingPlanError, RateShoppingError, FxConversionError, QuoteInputError, LandedCostError, MappingError, CommercialInvoiceError];

const refusal = (message: string, type: 'validation' | 'not_found' = 'validation') => ApplicationFailure.create({ message, type, nonRetryable: true });

/** The document store of labels and planned shipments: `<dataDir>/documents` (CARAVAN_DATA_DIR). */
export const documentsDir = (dataDir: string): string => join(dataDir, 'documents');

/** DHL's customer reference holds 35 characters: a hash of the business key fits any order id. */
export function fulfilmentIdempotencyKey(tenant: string, channel: string, orderId: string, generation: number): string {
  return `fo-${createHash('sha256').update([tenant, channel, orderId, String(generation)].join('\u0000')).digest('hex').slice(0, 29)}`;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = { PDF: 'application/pdf', PNG: 'image/png', GIF: 'image/gif', ZPL: 'application/zpl', ZPLII: 'application/zpl', ZPL2: 'application/zpl' };

/** The tenant's shipping settings, or a config error saying what to add. */
export function shippingOf(config: TenantsConfig, tenant: string): FulfilShipping {
  const shipping = findTenant(config, tenant).shipping;
  if (shipping?.carriers === undefined || shipping.shipFrom === undefined) {
    throw new ConfigError(`tenant "${tenant}" has no shipping carriers and shipFrom in the config (shipping: carriers, rule, shipFrom)`);
  }
  return { ...shipping, carriers: shipping.carriers, shipFrom: shipping.shipFrom };
}

/** The carrier connections to shop: `auto` every configured one, else the one named (connection id or vendor). */
export function carriersFor(config: TenantsConfig, tenant: string, carrier: string | undefined): CarrierConnectionRef[] {
  const t = findTenant(config, tenant);
  const all = Object.entries(t.connections)
    .filter(([, c]) => connectorFor(c.vendor).capabilities.includes('carrier'))
    .map(([connection, c]) => ({ connection, vendor: c.vendor }));
  if (carrier === undefined || carrier === 'auto') {
    const configured = shippingOf(config, tenant).carriers;
    return all.filter((c) => configured.includes(c.connection));
  }
  const named = all.filter((c) => c.connection === carrier || c.vendor === carrier);
  if (named.length === 0) throw new ConfigError(`tenant "${tenant}" has no carrier connection "${carrier}" (carriers: ${all.map((c) => c.connection).join(', ') || 'none'})`);
  return named;
}

const accountNumberOf = (settings: unknown, connection: string): string => {
  const n = (settings as { accountNumber?: unknown } | undefined)?.accountNumber;
  if (typeof n !== 'string') throw new ConfigError(`carrier connection "${connection}" has no accountNumber setting`);
  return n;
};

export function createFulfilmentService(deps: Omit<FulfilOrderDeps, 'context'>) {
  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger, vendors: deps.vendors });
  const quotes = createQuoteService({ db: deps.db, config: deps.config, logger: deps.logger, vendors: deps.vendors });

  /** A converter for `date`: the stored (or fetched) rates when any amount is in another currency, none otherwise. */
  async function converterAt(currencies: readonly string[], to: string, date: string): Promise<Converter> {
    if (currencies.every((c) => c === to)) return converterFor({ table: createFxRateTable([]) });
    return converterFor({ table: await fx.rateTableFor(date) });
  }

  async function storedOrder(tenant: string, channel: string, orderId: string): Promise<Order> {
    const order = await getOrder(deps.db, tenant, channel, orderId);
    if (order === undefined) throw refusal(`order ${orderId} of ${tenant}/${channel} is not in the hub: import it first (caravan sync orders --tenant ${tenant} --channel ${channel})`, 'not_found');
    return order;
  }

  /** The canonical shipment of what is left to ship of the order, from the stored order and catalogue. */
  async function planOrder(tenant: string, channel: string, orderId: string, opts: { incoterm?: Incoterm; date: string }): Promise<Shipment> {
    const shipping = shippingOf(deps.config, tenant);
    const order = await storedOrder(tenant, channel, orderId);
    const products = new Map<string, Product>();
    for (const sku of new Set(order.lines.flatMap((l) => (l.sku === undefined ? [] : [l.sku])))) {
      const p = await getProduct(deps.db, tenant, sku);
      if (p !== undefined) products.set(sku, p.product);
    }
    const currency = shipping.declarationCurrency ?? findTenant(deps.config, tenant).currency;
    const currencies = order.lines.flatMap((l) => (l.lineTotal === undefined ? [] : [l.lineTotal.currency]));
    return planShipment(order, products, {
      shipFrom: shipping.shipFrom,
      incoterm: opts.incoterm ?? shipping.defaultIncoterm,
      currency,
      date: opts.date,
      convert: await converterAt(currencies, currency, opts.date),
      maxParcelKg: shipping.maxParcelKg,
      packagingKg: shipping.packagingKg,
    });
  }

  async function readShipment(ref: Pick<DocumentRef, 'sha256' | 'contentType'>): Promise<Shipment> {
    return ShipmentSchema.parse(JSON.parse((await deps.documents.read(ref)).toString('utf8')));
  }

  /** Duties and taxes of a shipment from the tenant's landed-cost provider. */
  async function duties(tenant: string, shipment: Shipment, date: string): Promise<FulfilmentDuties> {
    const q = await quotes.landedCost(tenant, shipment, { date });
    return { provider: q.provider, reference: q.reference, duty: q.duty, importTax: q.importTax, total: q.total, sellerTotal: q.seller.total };
  }

  /** Quotes of every carrier (a carrier that fails is listed, the others still count), ranked by `rule`. */
  async function rate(tenant: string, shipment: Shipment, carriers: readonly CarrierConnectionRef[], rule: ShippingRule, shipAt: string, signal?: AbortSignal) {
    const all: { ref: CarrierConnectionRef; quote: RateQuote }[] = [];
    const failures: { connection: string; message: string }[] = [];
    for (const ref of carriers) {
      try {
        const { capability, config } = deps.vendors.capability(tenant, ref.connection, 'carrier');
        const mapping = fulfilmentCarrierFor(ref.vendor);
        const request = mapping.rateRequest(shipment, { accountNumber: accountNumberOf(config.settings, ref.connection), shipAt });
        if (!request.ok) throw request.error;
        const read = mapping.quotes(await capability.rateShipment(request.value, signal ? { signal } : {}));
        for (const p of read.problems) failures.push({ connection: ref.connection, message: p });
        for (const quote of read.quotes) all.push({ ref, quote });
      } catch (e) {
        // A refused request is ours to fix; other carriers still quote.
        if (e instanceof ConfigError) throw e;
        failures.push({ connection: ref.connection, message: (e as Error).message });
      }
    }
    const date = shipAt.slice(0, 10);
    const convert = await converterAt(all.flatMap((a) => (a.quote.total === undefined ? [] : [a.quote.total.currency])), shipment.currency, date);
    const opts = { currency: shipment.currency, date, convert };
    const choice = (r: RankedRate): RateChoice => {
      const from = all.find((a) => a.quote === r.quote)!.ref;
      return {
        ...from,
        service: { ...(r.quote.service.code === undefined ? {} : { code: r.quote.service.code }), ...(r.quote.service.name === undefined ? {} : { name: r.quote.service.name }) },
        ...(r.quote.rateType === undefined ? {} : { rateType: r.quote.rateType }),
        total: r.quote.total!,
        compared: r.compared,
        ...(r.quote.transitDays === undefined ? {} : { transitDays: r.quote.transitDays }),
      };
    };
    const quotesOnly = all.map((a) => a.quote);
    if (quotesOnly.length === 0 && failures.length > 0) {
      throw new RateShoppingError(`no carrier could quote: ${failures.map((f) => `${f.connection}: ${f.message}`).join('; ')}`);
    }
    const chosen = choice(chooseRate(quotesOnly, rule, opts));
    return { chosen, ranked: rankRates(quotesOnly, rule, opts).map(choice), failures } satisfies RateFulfilmentResult;
  }

  return { planOrder, readShipment, duties, rate, storedOrder };
}

export type FulfilmentService = ReturnType<typeof createFulfilmentService>;

export function createFulfilOrderActivities(deps: FulfilOrderDeps): FulfilOrderActivities {
  const clock = deps.clock ?? (() => new Date());
  const context =
    deps.context ??
    ((): FulfilmentActivityContext => {
      const ctx = Context.current();
      return { attempt: ctx.info.attempt, cancellationSignal: ctx.cancellationSignal, heartbeatDetails: ctx.info.heartbeatDetails, heartbeat: (d) => ctx.heartbeat(d) };
    });
  const service = createFulfilmentService(deps);
  const run = <T>(fn: () => Promise<T>): Promise<T> => asActivity(fn, FULFIL_NON_RETRYABLE);

  async function planFulfilment(input: PlanFulfilmentInput): Promise<PlanFulfilmentResult> {
    return run(async () => {
      const { tenant, channel, orderId } = input;
      await recordRunStarted(deps.db, { workflowId: input.workflowId, runId: input.runId, tenant, channel, flow: FLOWS.fulfilOrder, startedAt: input.startedAt });
      const shipping = shippingOf(deps.config, tenant);
      const carriers = carriersFor(deps.config, tenant, input.carrier);
      const date = input.startedAt.slice(0, 10);
      const shipment = await service.planOrder(tenant, channel, orderId, { ...(input.incoterm === undefined ? {} : { incoterm: input.incoterm }), date });
      const shipmentRef = await deps.documents.put(Buffer.from(stableJson(shipment), 'utf8'), 'application/json');
      const earlier = await listOrderShipments(deps.db, tenant, channel, orderId);
      const live = earlier.find((s) => s.state !== 'cancelled' && s.state !== 'failed');
      // A live purchase is carried on (recorded, confirmed) under its own key; a void one is never reused.
      const idempotencyKey = live?.idempotencyKey ?? fulfilmentIdempotencyKey(tenant, channel, orderId, earlier.length);
      const total = shipment.items.reduce((sum, i) => sum + i.value.amountMinor, 0);
      const invoiceNumber = `${shipping.invoicePrefix}${orderId}`.slice(0, 35);
      // Deterministic bytes: buyLabel makes the same file again and the store keeps one copy.
      const commercialInvoice = shipping.paperlessTrade ? await deps.documents.put(commercialInvoicePdf(shipment, { invoice: { number: invoiceNumber, date } }), 'application/pdf') : undefined;
      deps.logger.info({ tenant, channel, orderId, lines: shipment.items.length, parcels: shipment.parcels?.length, incoterm: shipment.incoterm }, 'fulfilment planned');
      return {
        ...(live?.state === 'confirmed'
          ? { alreadyShipped: { idempotencyKey: live.idempotencyKey, carrier: live.connection, state: live.state, ...(live.trackingNumber === undefined ? {} : { trackingNumber: live.trackingNumber }) } }
          : {}),
        idempotencyKey,
        shipmentRef,
        incoterm: shipment.incoterm,
        currency: shipment.currency,
        declaredValue: { amountMinor: total, currency: shipment.currency },
        lines: shipment.items.length,
        hsCodes: [...new Set(shipment.items.map((i) => i.hsCode))],
        parcels: (shipment.parcels ?? []).map((p) => ({ id: p.id, weightKg: p.weightKg })),
        carriers,
        rule: shipping.rule,
        shipAt: input.startedAt,
        invoice: { number: invoiceNumber, date },
        ...(commercialInvoice === undefined ? {} : { commercialInvoice }),
      };
    });
  }

  async function documentsOf(reply: unknown, refs: readonly { type: string; format?: string; encoding: string; path: string; pieceTrackingNumber?: string }[]): Promise<StoredShipmentDocument[]> {
    const out: StoredShipmentDocument[] = [];
    for (const ref of refs) {
      if (ref.encoding !== 'base64') continue;
      const content = valueAtPath(reply, ref.path);
      if (typeof content !== 'string') continue;
      const contentType = CONTENT_TYPES[ref.format ?? ''] ?? 'application/octet-stream';
      const stored = await deps.documents.put(Buffer.from(content, 'base64'), contentType);
      out.push({ type: ref.type, ...(ref.format === undefined ? {} : { format: ref.format }), sha256: stored.sha256, bytes: stored.bytes, contentType, ...(ref.pieceTrackingNumber === undefined ? {} : { pieceTrackingNumber: ref.pieceTrackingNumber }) });
    }
    return out;
  }

  /**
   * Our commercial invoice for a paperless shipment, stored, and what the request needs of it:
   * the PDF itself (DHL document image INV) or the id of its upload (FedEx ETD). A retried
   * purchase does not upload again: the id is heartbeated right after the upload and the next
   * attempt reads it from its heartbeat details (the same connection and file hash). The
   * shipment row cannot hold it: it is written only once the label is bought.
   */
  async function tradeInvoice(
    shipment: Shipment,
    input: BuyLabelInput,
    mapping: FulfilmentCarrier,
    capability: Carrier,
    ctx: FulfilmentActivityContext,
    call: { signal?: AbortSignal },
  ): Promise<{ document: StoredShipmentDocument; shipContext: Pick<CarrierShipContext, 'commercialInvoicePdfBase64' | 'uploadedInvoiceId'> }> {
    const pdf = commercialInvoicePdf(shipment, { invoice: input.invoice });
    const stored = await deps.documents.put(pdf, 'application/pdf');
    const document: StoredShipmentDocument = { type: 'commercial-invoice', format: 'PDF', sha256: stored.sha256, bytes: stored.bytes, contentType: stored.contentType };
    const upload = mapping.invoiceUpload;
    if (upload === undefined) return { document, shipContext: { commercialInvoicePdfBase64: pdf.toString('base64') } };
    if (capability.uploadDocument === undefined) throw new ConfigError(`carrier connection "${input.connection}" cannot upload trade documents`);
    let documentId = uploadedBefore(ctx.heartbeatDetails, input.connection, stored.sha256);
    if (documentId === undefined) {
      documentId = upload.documentId(await capability.uploadDocument(upload.request(pdf, shipment, input.invoice), call));
      ctx.heartbeat?.({ connection: input.connection, sha256: stored.sha256, documentId } satisfies UploadedInvoice);
      deps.logger.info({ tenant: input.tenant, orderId: input.orderId, connection: input.connection, documentId }, 'commercial invoice uploaded');
    }
    return { document, shipContext: { uploadedInvoiceId: documentId } };
  }

  async function buyLabel(input: BuyLabelInput): Promise<BuyLabelResult> {
    const ctx = context();
    return run(async () => {
      const log = deps.logger.child({ tenant: input.tenant, channel: input.channel, orderId: input.orderId, connection: input.connection, attempt: ctx.attempt });
      const stored = await getShipment(deps.db, input.idempotencyKey);
      if (stored !== undefined) {
        if (stored.state === 'cancelled' || stored.state === 'failed') throw refusal(`shipment ${input.idempotencyKey} of order ${input.orderId} is ${stored.state}: start a new fulfilment`);
        log.info({ trackingNumber: stored.trackingNumber }, 'label bought by an earlier attempt; not bought again');
        return {
          trackingNumber: stored.trackingNumber ?? '',
          carrier: stored.carrier,
          ...(stored.service === undefined ? {} : { service: stored.service }),
          documents: stored.documents,
          ...(stored.charge === undefined ? {} : { charge: stored.charge }),
          outcome: 'stored',
        };
      }
      const { capability, config } = deps.vendors.capability(input.tenant, input.connection, 'carrier');
      const mapping = fulfilmentCarrierFor(input.vendor);
      const call = ctx.cancellationSignal ? { signal: ctx.cancellationSignal } : {};
      const purchase = { idempotencyKey: input.idempotencyKey, tenant: input.tenant, channel: input.channel, orderId: input.orderId, connection: input.connection, carrier: input.vendor, service: input.service, incoterm: input.incoterm };
      if (ctx.attempt > 1) {
        // The predecessor may have bought the label and lost the reply: ask the carrier by reference.
        const day = input.shipAt.slice(0, 10);
        let found: string | undefined;
        try {
          found = mapping.found(await capability.findShipments({ reference: input.idempotencyKey, from: day, to: day }, call));
        } catch (e) {
          if (!(e instanceof ConnectorError && e.kind === 'not_found')) throw e;
        }
        if (found !== undefined) {
          log.warn({ trackingNumber: found }, 'label bought by an earlier attempt whose reply was lost; found by its reference, not bought again');
          await recordShipmentPurchase(deps.db, { ...purchase, trackingNumber: found, documents: [], note: 'the purchase reply was lost: reprint the label at the carrier' }, { now: clock() });
          return { trackingNumber: found, carrier: input.vendor, service: input.service, documents: [], outcome: 'found' };
        }
      }
      const shipment = await service.readShipment(input.shipmentRef);
      const paperlessTrade = shippingOf(deps.config, input.tenant).paperlessTrade;
      const invoice = paperlessTrade ? await tradeInvoice(shipment, input, mapping, capability, ctx, call) : undefined;
      const request = mapping.shipRequest(shipment, {
        accountNumber: accountNumberOf(config.settings, input.connection),
        service: input.service,
        shipAt: input.shipAt,
        invoice: input.invoice,
        paperlessTrade,
        ...invoice?.shipContext,
      });
      if (!request.ok) throw request.error;
      const reply = await capability.createShipment(request.value, { ...call, idempotencyKey: input.idempotencyKey });
      const mapped = mapping.shipment(reply);
      if (!mapped.ok) throw mapped.error;
      const documents = [...(await documentsOf(reply, mapped.value.documents)), ...(invoice === undefined ? [] : [invoice.document])];
      const charge: Money | undefined = mapped.value.charges[0]?.total;
      await recordShipmentPurchase(deps.db, { ...purchase, trackingNumber: mapped.value.trackingNumber, documents, ...(charge === undefined ? {} : { charge }) }, { now: clock() });
      log.info({ trackingNumber: mapped.value.trackingNumber, documents: documents.length }, 'label bought');
      return { trackingNumber: mapped.value.trackingNumber, carrier: input.vendor, service: input.service, documents, ...(charge === undefined ? {} : { charge }), outcome: 'bought' };
    });
  }

  async function cancelLabel(input: CancelLabelInput): Promise<CancelLabelResult> {
    return run(async () => {
      const stored = await getShipment(deps.db, input.idempotencyKey);
      if (stored === undefined) throw refusal(`no shipment ${input.idempotencyKey} to cancel`, 'not_found');
      const number = stored.trackingNumber ?? '';
      const mapping = fulfilmentCarrierFor(stored.carrier);
      const cancellation = mapping.cancellation(number, shippingOf(deps.config, stored.tenant).shipFrom.country);
      if (stored.state === 'cancelled') return { outcome: cancellation === undefined ? 'void-unused' : 'cancelled', note: stored.note ?? '' };
      let outcome: CancelLabelResult['outcome'] = 'void-unused';
      let note = mapping.voidNote(number);
      if (cancellation !== undefined) {
        const { capability } = deps.vendors.capability(stored.tenant, stored.connection, 'carrier');
        await capability.cancelShipment(cancellation);
        outcome = 'cancelled';
      }
      note = `${note}, because ${input.reason}`;
      await setShipmentState(deps.db, input.idempotencyKey, 'cancelled', { note }, { now: clock() });
      deps.logger.warn({ tenant: stored.tenant, orderId: stored.orderId, trackingNumber: number, outcome }, 'label given up');
      return { outcome, note };
    });
  }

  return {
    planFulfilment,
    quoteFulfilmentDuties: (input) => run(async () => service.duties(input.tenant, await service.readShipment(input.shipmentRef), input.date)),
    rateFulfilment: (input) => run(async () => service.rate(input.tenant, await service.readShipment(input.shipmentRef), input.carriers, input.rule, input.shipAt)),
    buyLabel,
    setFulfilmentState: (input) =>
      run(async () => {
        if ((await setShipmentState(deps.db, input.idempotencyKey, input.state, {}, { now: clock() })) === undefined) throw refusal(`no shipment ${input.idempotencyKey}`, 'not_found');
      }),
    cancelLabel,
    finishFulfilment: (input) =>
      run(async () => {
        const finished = clock();
        const { durationMs } = await closeRunRecord(deps.db, finished, input.startedAt, {
          workflowId: input.workflowId,
          runId: input.runId,
          status: input.status,
          pages: 0,
          fetched: 0,
          inserted: 0,
          unchanged: 0,
          deadLettered: 0,
          rateLimited: 0,
          updated: input.status === 'completed' ? 1 : 0,
          ...(input.error === undefined ? {} : { error: input.error }),
        });
        return { finishedAt: finished.toISOString(), durationMs };
      }),
  };
}

/**
 * How each quoting vendor's requests are built from canonical records and its answers
 * read back: one line per vendor and capability. The connectors' capabilities take and
 * return the vendor's own documents; these entries pair them with the vendor's mappings.
 */
import { ConfigError } from '../config/errors.js';
import type { TenantConfig } from '../config/tenants-config.js';
import { transactionCodeFor, type AvalaraConnectionSettings } from '../connectors/avalara/index.js';
import type { DhlConnectionSettings } from '../connectors/dhl/index.js';
import { avalaraTransactionToLandedCost, avalaraTransactionToTaxQuote, taxQuoteRequestToCreateTransaction } from '../mappings/avalara/index.js';
import type { Converter } from '../mappings/canonical/fx-rate-table.js';
import {
  shipmentToTaxQuoteRequest,
  type LandedCostQuote,
  type MappingResult,
  type Shipment,
  type TaxQuote,
  type TaxQuoteRequest,
} from '../mappings/canonical/index.js';
import { dhlLandedCostToQuote, shipmentToLandedCostRequest } from '../mappings/dhl/index.js';

export interface QuoteMappingContext {
  tenant: string;
  tenantConfig: TenantConfig;
  /** The connection's settings as its vendor's descriptor checked them. */
  settings: Readonly<Record<string, unknown>>;
  /** The day of the quote (YYYY-MM-DD). */
  date: string;
}

/** What a landed-cost answer is read with: the seller's currency and a conversion at the rates of the quote's day. */
export interface SellerFigures {
  date: string;
  sellerCurrency: string;
  /** Conversion at the rates of the quote's day (engines/fx over the stored rates). */
  convert: Converter;
}

export interface TaxQuoteMapping {
  request(request: TaxQuoteRequest, ctx: QuoteMappingContext): MappingResult<unknown>;
  quote(answer: unknown, request: TaxQuoteRequest): MappingResult<TaxQuote>;
}

export interface LandedCostMapping {
  /** The vendor's request for `shipment`, and how to read the vendor's answer to it. */
  request(shipment: Shipment, ctx: QuoteMappingContext): MappingResult<{ request: unknown; quote(answer: unknown, figures: SellerFigures): MappingResult<LandedCostQuote> }>;
}

// The answers are the documents the vendor's capability returned, already checked by its wire schema.
type AvalaraAnswer = Parameters<typeof avalaraTransactionToTaxQuote>[0];

/** A quote is a SalesOrder: AvaTax computes it without recording a document. */
function avalaraSalesOrder(request: TaxQuoteRequest, ctx: QuoteMappingContext) {
  const { companyCode } = ctx.settings as AvalaraConnectionSettings;
  return taxQuoteRequestToCreateTransaction(request, { companyCode, code: transactionCodeFor({ tenant: ctx.tenant, order: request.reference }), type: 'SalesOrder' });
}

const avalaraTax: TaxQuoteMapping = {
  request: avalaraSalesOrder,
  quote: (answer, request) => avalaraTransactionToTaxQuote(answer as AvalaraAnswer, request),
};

const avalaraLandedCost: LandedCostMapping = {
  request(shipment, ctx) {
    const tax = ctx.tenantConfig.tax;
    if (!tax) throw new ConfigError(`tenant "${ctx.tenant}" needs a tax section (seller profile) for AvaTax landed cost`);
    const request = shipmentToTaxQuoteRequest(shipment, { seller: tax.seller, shipFrom: shipment.shipFrom }, { date: ctx.date });
    const model = avalaraSalesOrder(request, ctx);
    if (!model.ok) return model;
    return { ok: true, value: { request: model.value, quote: (answer, figures) => avalaraTransactionToLandedCost(answer as AvalaraAnswer, request, figures) } };
  },
};

const dhlLandedCost: LandedCostMapping = {
  request(shipment, ctx) {
    const request = shipmentToLandedCostRequest(shipment, { accountNumber: (ctx.settings as DhlConnectionSettings).accountNumber });
    if (!request.ok) return request;
    return { ok: true, value: { request: request.value, quote: (answer, figures) => dhlLandedCostToQuote(answer, shipment, figures) } };
  },
};

export const TAX_QUOTE_MAPPINGS: Readonly<Record<string, TaxQuoteMapping>> = {
  avalara: avalaraTax,
};

export const LANDED_COST_MAPPINGS: Readonly<Record<string, LandedCostMapping>> = {
  avalara: avalaraLandedCost,
  dhl: dhlLandedCost,
};

export function quoteMappingFor<M>(table: Readonly<Record<string, M>>, vendor: string, what: string): M {
  const m = table[vendor];
  if (!m) throw new ConfigError(`no ${what} mapping for vendor "${vendor}" (activities/quote-mappings.ts has: ${Object.keys(table).join(', ')})`);
  return m;
}

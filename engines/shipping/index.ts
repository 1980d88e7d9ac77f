/** Shipping engine: parcels and customs declaration from an order, and rate shopping (pure). */
export { planShipment, ShippingPlanError, weightKg, type PlanShipmentOptions, type ShippingPlanIssue } from './plan.js';
export { billedQuotes, chooseRate, describeRule, rankRates, RateShoppingError, type RankedRate, type RankOptions, type ShippingRule } from './rate-shopping.js';
export { commercialInvoicePdf, CommercialInvoiceError, invoiceText, type CommercialInvoiceOptions } from './commercial-invoice.js';

/**
 * Every vendor Caravan connects to, and what each can do. A vendor's descriptor (in its
 * folder's descriptor.ts, built with defineConnector from capabilities.ts) declares its
 * settings schema, the secrets it needs, its client factory and the capabilities it
 * offers; flows ask for a capability, never for a vendor, so a new vendor is its folder
 * plus one line in CONNECTORS below.
 */
import { ALIBABA_CONNECTOR } from './alibaba/descriptor.js';
import { ALIEXPRESS_CONNECTOR } from './aliexpress/descriptor.js';
import { AMAZON_CONNECTOR } from './amazon/descriptor.js';
import { AVALARA_CONNECTOR } from './avalara/descriptor.js';
import type { Capabilities, CapabilityName, Connector, ConnectorDescriptor } from './capabilities.js';
import { DHL_CONNECTOR } from './dhl/descriptor.js';
import { FEDEX_CONNECTOR } from './fedex/descriptor.js';
import { ECB_CONNECTOR, XE_CONNECTOR } from './fx/descriptor.js';
import { MAILCHIMP_CONNECTOR } from './mailchimp/descriptor.js';
import { STRIPE_CONNECTOR } from './stripe/descriptor.js';
import { PAYPAL_CONNECTOR } from './paypal/descriptor.js';
import { VIES_CONNECTOR } from './vies/descriptor.js';

export * from './capabilities.js';

// ---- the registry: one line per vendor ------------------------------------------------

export const CONNECTORS: readonly ConnectorDescriptor[] = [
  AMAZON_CONNECTOR,
  AVALARA_CONNECTOR,
  DHL_CONNECTOR,
  ECB_CONNECTOR,
  XE_CONNECTOR,
  VIES_CONNECTOR,
  MAILCHIMP_CONNECTOR,
  ALIEXPRESS_CONNECTOR,
  ALIBABA_CONNECTOR,
  FEDEX_CONNECTOR,
  STRIPE_CONNECTOR,
  PAYPAL_CONNECTOR,
];

export class UnknownVendorError extends Error {
  override readonly name = 'UnknownVendorError';
}

export class MissingCapabilityError extends Error {
  override readonly name = 'MissingCapabilityError';
}

const BY_VENDOR = new Map(CONNECTORS.map((d) => [d.vendor, d]));

export function knownVendors(): string[] {
  return CONNECTORS.map((d) => d.vendor);
}

export function findConnector(vendor: string): ConnectorDescriptor | undefined {
  return BY_VENDOR.get(vendor);
}

export function connectorFor(vendor: string): ConnectorDescriptor {
  const d = BY_VENDOR.get(vendor);
  if (!d) throw new UnknownVendorError(`unknown vendor "${vendor}" (known: ${knownVendors().join(', ')})`);
  return d;
}

/** Vendors offering `capability`, in registry order. */
export function vendorsWith(capability: CapabilityName): string[] {
  return CONNECTORS.filter((d) => d.capabilities.includes(capability)).map((d) => d.vendor);
}

/** The capability of a connection, or an error naming the connection, its vendor and who offers it. */
export function requireCapability<K extends CapabilityName>(connector: Connector, name: K, connection: string): Capabilities[K] {
  const c = connector.capability(name);
  if (!c) {
    throw new MissingCapabilityError(
      `connection "${connection}" (${connector.vendor}) is no ${name}: vendors that are: ${vendorsWith(name).join(', ') || '(none yet)'}`,
    );
  }
  return c;
}

/**
 * checkVatNumber — POST /check-vat-number (or the EC's test service, POST
 * /check-vat-test-service, same shapes) with a CheckVatRequest; 200 CheckVatResponse.
 * Only the country code, the number and the configured requester are sent: Caravan asks
 * nothing about the trader (no approximate matching).
 */
import { contractError, invalidRequest } from '../../http/error-factories.js';
import { siteOf } from '../../http/request-checks.js';
import { describeIssues } from '../../http/zod-issues.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { ViesRequest } from '../client.js';
import { VIES, type ViesSettings } from '../config.js';
import { scrubberFor } from '../errors.js';
import { toViesCountryCode } from '../member-states.js';
import { ViesCheckVatResponseSchema, type ViesCheckVatRequest } from '../schemas.js';

export interface ViesCheckVatParams {
  /** VIES member-state code (EL for Greece, XI for Northern Ireland); ISO GR is read as EL. */
  readonly countryCode: string;
  /** The number without its country prefix; spaces, dots and hyphens are dropped. */
  readonly vatNumber: string;
}

export interface ViesCheckResult {
  /** Registered for intra-Community supplies on `requestDate`. */
  readonly valid: boolean;
  /** As VIES echoes it. */
  readonly countryCode: string;
  readonly vatNumber: string;
  /** date-time of the consultation, as VIES gives it. */
  readonly requestDate: string;
  /** The consultation number (only when a requester is configured): keep it as evidence. */
  readonly requestIdentifier?: string;
  /** Undefined when the member state does not disclose it (VIES answers '---'). */
  readonly name?: string;
  readonly address?: string;
}

// Every EU VAT number has at most 12 characters after its prefix (SE, NL, LT, XI).
const VAT_NUMBER = /^[0-9A-Z+*]{2,12}$/;

function operationFor(settings: Pick<ViesSettings, 'useTestService'>): 'checkVatNumber' | 'checkVatTestService' {
  return settings.useTestService === true ? 'checkVatTestService' : 'checkVatNumber';
}

export function buildCheckVatRequest(params: ViesCheckVatParams, settings: Pick<ViesSettings, 'useTestService' | 'requester'> = {}): ViesRequest {
  const operation = operationFor(settings);
  const rawCountry = typeof params.countryCode === 'string' ? params.countryCode : '';
  const countryCode = toViesCountryCode(rawCountry);
  if (countryCode === undefined) {
    const shown = /^[A-Za-z]{2}$/.test(rawCountry.trim()) ? `"${rawCountry.trim().toUpperCase()}"` : 'not a two-letter code';
    throw invalidRequest(siteOf(VIES, operation), `countryCode must be a VIES member-state code (AT … SK, EL, XI), got ${shown}`, 'INVALID_INPUT');
  }
  const vatNumber = typeof params.vatNumber === 'string' ? params.vatNumber.toUpperCase().replace(/[\s.-]/g, '') : '';
  if (!VAT_NUMBER.test(vatNumber)) {
    // The number itself stays out of the message (buyer data).
    throw invalidRequest(siteOf(VIES, operation, countryCode), `vatNumber must be the number without country prefix, 2–12 letters or digits (got ${vatNumber.length} characters)`, 'INVALID_INPUT');
  }
  const { requester } = settings;
  const body: ViesCheckVatRequest = {
    countryCode,
    vatNumber,
    ...(requester === undefined ? {} : { requesterMemberStateCode: requester.memberStateCode, requesterNumber: requester.number }),
  };
  return {
    operation,
    method: 'POST',
    path: settings.useTestService === true ? '/check-vat-test-service' : '/check-vat-number',
    body: { json: body },
    // Checking a number changes nothing at VIES: safe to resend.
    idempotent: true,
    subject: countryCode,
    trace: { countryCode },
    sensitive: [vatNumber, ...(requester === undefined ? [] : [requester.number])],
  };
}

/** '---' is how VIES says "not disclosed"; '' and null say nothing either. */
function disclosed(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '---' ? undefined : value;
}

export function parseCheckVatResponse(request: ViesRequest, response: PipelineResponse): ViesCheckResult {
  const parsed = ViesCheckVatResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    // Paths and zod's messages only: the body holds the number, the name and the address.
    const site = { ...siteOf(VIES, request.operation, request.subject), scrub: scrubberFor(request.sensitive ?? []) };
    throw contractError(site, `HTTP ${response.status} answer is not a CheckVatResponse: ${describeIssues(parsed.error.issues)}`, { status: response.status });
  }
  const data = parsed.data;
  const requestIdentifier = disclosed(data.requestIdentifier);
  const name = disclosed(data.name);
  const address = disclosed(data.address);
  return {
    valid: data.valid,
    countryCode: data.countryCode,
    vatNumber: data.vatNumber,
    requestDate: data.requestDate,
    ...(requestIdentifier === undefined ? {} : { requestIdentifier }),
    ...(name === undefined ? {} : { name }),
    ...(address === undefined ? {} : { address }),
  };
}

export async function checkVatNumber(
  send: Send,
  params: ViesCheckVatParams,
  settings: Pick<ViesSettings, 'useTestService' | 'requester'>,
  options?: CallOptions,
): Promise<ViesCheckResult> {
  const request = buildCheckVatRequest(params, settings);
  return parseCheckVatResponse(request, await send(request, options));
}

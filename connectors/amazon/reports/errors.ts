/**
 * Error replies met where a report document is read: the SP-API `{ errors: [...] }` body (a
 * getReportDocument or a download that failed), LWA's `{ error }`, and the document a report
 * that ended FATAL points to: a JSON `{ "errorDetails": "…" }` (the shape Amazon's Reports
 * API guide describes for a report that failed; no real one is in the vendor folder).
 */
import { z } from 'zod';
import { replyError } from '../../http/error-reply.js';
import type { ConnectorError } from '../../http/errors.js';
import { AMAZON_VENDOR, recogniseAmazonErrorReply, type AmazonErrorReplyContext } from '../errors.js';

export const AmazonReportProcessingErrorSchema = z.looseObject({ errorDetails: z.string().min(1) });

/** The vendor code given to a report's processing-error document (Amazon's processingStatus). */
export const REPORT_FATAL_CODE = 'FATAL';

export function recogniseAmazonReportErrorReply(body: unknown, ctx: AmazonErrorReplyContext): ConnectorError | undefined {
  const processing = AmazonReportProcessingErrorSchema.safeParse(body);
  if (processing.success && !(typeof body === 'object' && body !== null && 'errors' in body)) {
    return replyError(`Amazon ${ctx.operation}`, ctx, {
      vendor: AMAZON_VENDOR,
      kind: 'validation',
      vendorCode: REPORT_FATAL_CODE,
      what: `${REPORT_FATAL_CODE}: the report failed: ${processing.data.errorDetails}`,
    });
  }
  return recogniseAmazonErrorReply(body, ctx);
}

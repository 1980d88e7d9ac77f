/**
 * The processing report of Amazon's XML feeds (POST_ORDER_FULFILLMENT_DATA and the other feeds
 * that still take amzn-envelope.xsd XML; getFeedDocument's result document for them):
 * `AmazonEnvelope { Header { DocumentVersion, MerchantIdentifier }, MessageType ProcessingReport,
 * Message { MessageID, ProcessingReport { DocumentTransactionID, StatusCode, ProcessingSummary {
 * MessagesProcessed, MessagesSuccessful, MessagesWithError, MessagesWithWarning }, Result* {
 * MessageID, ResultCode, ResultMessageCode, ResultDescription, AdditionalInfo { SKU |
 * AmazonOrderID } } } } }`. It is read into the JSON_LISTINGS_FEED report's shape (feeds.ts), so
 * one mapping reads both:
 * - a Result is an issue: ResultCode (Error, Warning) its severity, ResultMessageCode its code,
 *   ResultDescription its message, AdditionalInfo's SKU its sku (AmazonOrderID kept beside);
 *   a `Success` result (some reports list them) is no issue;
 * - MessageID 0 is the feed itself (an XML parsing error, code 5000): no messageId;
 * - the summary: MessagesSuccessful accepted, MessagesWithError invalid; errors and warnings
 *   count the results, as the JSON report's issue counts do.
 */
import { Parser } from 'xml2js';
import { z } from 'zod';
import { AmazonFeedProcessingReportSchema, type AmazonFeedProcessingReport } from './feeds.js';

/** True when a text is an AmazonEnvelope whose MessageType is ProcessingReport. */
export function isAmazonXmlProcessingReport(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<AmazonEnvelope[\s>]/.test(head) && /<MessageType>\s*ProcessingReport\s*<\/MessageType>/.test(head);
}

/** An element that may be absent, once or repeated: xml2js gives nothing, an object or an array. */
function many<T extends z.ZodType>(schema: T) {
  return z
    .union([z.array(schema), schema])
    .optional()
    .transform((v): z.output<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
}
const text = z.string().optional();

const ResultSchema = z.looseObject({
  MessageID: text,
  ResultCode: text,
  ResultMessageCode: text,
  ResultDescription: text,
  AdditionalInfo: z.looseObject({ SKU: text, AmazonOrderID: text }).or(z.literal('')).optional(),
});

const ProcessingReportSchema = z.looseObject({
  DocumentTransactionID: text,
  StatusCode: text,
  ProcessingSummary: z.looseObject({
    MessagesProcessed: z.string(),
    MessagesSuccessful: z.string(),
    MessagesWithError: z.string(),
    MessagesWithWarning: text,
  }),
  Result: many(ResultSchema),
});

const EnvelopeSchema = z.looseObject({
  Header: z.looseObject({ DocumentVersion: text, MerchantIdentifier: text }).optional(),
  Message: many(z.looseObject({ ProcessingReport: ProcessingReportSchema })).refine((m) => m.length > 0, 'has no Message'),
});

export type XmlProcessingReportResult = { ok: true; value: AmazonFeedProcessingReport } | { ok: false; issues: { path: string; message: string }[] };

const failure = (path: string, message: string): XmlProcessingReportResult => ({ ok: false, issues: [{ path, message }] });

/** Parses the XML report into the JSON report's shape; never throws. */
export async function parseAmazonXmlProcessingReport(xml: string): Promise<XmlProcessingReportResult> {
  let doc: unknown;
  try {
    doc = await new Parser({ explicitArray: false, explicitRoot: true, trim: true, strict: true }).parseStringPromise(xml.replace(/^\uFEFF/, ''));
  } catch (error) {
    return failure('', `not well-formed XML (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim()})`);
  }
  const envelope = EnvelopeSchema.safeParse((doc as { AmazonEnvelope?: unknown } | null)?.AmazonEnvelope);
  if (!envelope.success) return { ok: false, issues: envelope.error.issues.map((i) => ({ path: ['AmazonEnvelope', ...i.path.map(String)].join('.'), message: i.message })) };
  const reports = envelope.data.Message.map((m) => m.ProcessingReport);
  const results = reports.flatMap((r) => r.Result).filter((r) => r.ResultCode !== undefined && r.ResultCode.toLowerCase() !== 'success');
  const sum = (pick: (s: z.infer<typeof ProcessingReportSchema>['ProcessingSummary']) => string | undefined) => String(reports.reduce((n, r) => n + Number(pick(r.ProcessingSummary) ?? 0), 0));
  const count = (code: string) => results.filter((r) => r.ResultCode?.toLowerCase() === code).length;
  const info = (r: z.infer<typeof ResultSchema>) => (typeof r.AdditionalInfo === 'object' ? r.AdditionalInfo : undefined);
  const report = {
    header: {
      sellerId: envelope.data.Header?.MerchantIdentifier,
      version: envelope.data.Header?.DocumentVersion,
      feedId: reports[0]?.DocumentTransactionID,
    },
    issues: results.map((r) => ({
      ...(r.MessageID === undefined || /^0+$/.test(r.MessageID) ? {} : { messageId: r.MessageID }),
      sku: info(r)?.SKU,
      amazonOrderId: info(r)?.AmazonOrderID,
      code: r.ResultMessageCode,
      severity: r.ResultCode,
      message: r.ResultDescription,
    })),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      messagesProcessed: sum((s) => s.MessagesProcessed),
      messagesAccepted: sum((s) => s.MessagesSuccessful),
      messagesInvalid: sum((s) => s.MessagesWithError),
    },
  };
  const parsed = AmazonFeedProcessingReportSchema.safeParse(report);
  if (parsed.success) return { ok: true, value: parsed.data };
  // Paths into the JSON shape name the XML element they came from.
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: xmlPathOf(i.path), message: i.message })) };
}

const XML_NAMES: Readonly<Record<string, string>> = {
  messageId: 'MessageID',
  code: 'ResultMessageCode',
  severity: 'ResultCode',
  message: 'ResultDescription',
  sku: 'AdditionalInfo.SKU',
  messagesProcessed: 'MessagesProcessed',
  messagesAccepted: 'MessagesSuccessful',
  messagesInvalid: 'MessagesWithError',
};

function xmlPathOf(path: readonly PropertyKey[]): string {
  const [top, second, third] = path.map(String);
  if (top === 'issues' && second !== undefined) return `ProcessingReport.Result[${second}]${third === undefined ? '' : `.${XML_NAMES[third] ?? third}`}`;
  if (top === 'summary' && second !== undefined) return `ProcessingReport.ProcessingSummary.${XML_NAMES[second] ?? second}`;
  return path.map(String).join('.');
}

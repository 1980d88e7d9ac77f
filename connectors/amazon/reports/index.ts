export {
  amazonFlatFileKind,
  createFlatFileParser,
  readFlatFile,
  readListingsReport,
  readOrderReport,
  usesQuotes,
  type AmazonFlatFileKind,
  type AmazonReport,
  type FlatFile,
  type FlatFileLine,
} from './flat-file.js';
export { recogniseAmazonReportErrorReply, REPORT_FATAL_CODE } from './errors.js';
export * from '../schemas/reports.js';
export { openReportText, readReportProcessingError, type ReportText } from './report-file.js';
export { DEFAULT_SETTLEMENT_BATCH_ROWS, readSettlementReportBatches, SettlementReportFormatError } from './settlement-stream.js';

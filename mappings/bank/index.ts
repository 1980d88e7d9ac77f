export { CAMT053_RECORD_TYPE, camt053ToBankLines, normaliseAccount, type Camt053Options, type Camt053Statements } from './camt053.js';
export {
  CSV_STATEMENT_FIELDS,
  CSV_STATEMENT_RECORD_TYPE,
  csvStatementToBankLines,
  type CsvRow,
  type CsvStatementField,
  type CsvStatementOptions,
  type CsvStatementResult,
} from './csv-statement.js';

/** Public surface of the FedEx sandbox (OAuth, Rate, Ship, Track, Trade Documents Upload). */
export {
  startFedexSandbox,
  type FedexFaultSpec,
  type FedexSandbox,
  type FedexSandboxOperation,
  type FedexSandboxOptions,
  type FedexSandboxStats,
} from './server.js';
export { SANDBOX_FEDEX_CREDENTIALS, SANDBOX_FEDEX_TRACKING_CREDENTIALS, type FedexCredentials } from './oauth.js';
export { FEDEX_CUSTOMS_HOLD_HOURS } from './tracking.js';
export { fedexTrackingNumber } from './shipments.js';
export { fedexDocumentPdf } from './label-pdf.js';
export { TRANSACTIONS_PER_WINDOW, WINDOW_SECONDS } from './quotas.js';

/** Public surface of the DHL Express sandbox (MyDHL API and Shipment Tracking – Unified). */
export {
  SANDBOX_DHL_CREDENTIALS,
  startDhlSandbox,
  type DhlSandbox,
  type DhlFaultSpec,
  type DhlSandboxCredentials,
  type DhlSandboxOperation,
  type DhlSandboxOptions,
  type DhlSandboxStats,
} from './server.js';
export { DHL_CUSTOMS_HOLD_HOURS } from './tracking.js';
export { dhlWaybill } from './shipments.js';
export { renderPdf, type PdfPage } from './label-pdf.js';

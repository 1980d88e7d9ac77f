/** Public surface of the VIES stand-in (EC VAT-number check). */
export {
  startViesSandbox,
  VIES_SANDBOX_TRADERS,
  VIES_TEST_SERVICE_ANSWERS,
  type ViesSandbox,
  type ViesSandboxOptions,
  type ViesSandboxStats,
  type ViesSandboxTrader,
} from './server.js';

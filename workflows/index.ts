// Every workflow the worker registers. Workflow code imports no I/O: see
// test/workflows/dependency-rule.test.ts, which enforces the dependency rule.
export { fxBackfill, fxRefresh } from './fx-refresh.js';
export { ordersSync, progressQuery } from './orders-sync.js';
export { deadLettersReplay, deadLettersReplayProgressQuery } from './dead-letters-replay.js';

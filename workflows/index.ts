// Every workflow the worker registers. Workflow code imports no I/O: see
// test/workflows/determinism-rules.test.ts, which enforces the dependency rule.
export { ordersSync, progressQuery } from './orders-sync.js';

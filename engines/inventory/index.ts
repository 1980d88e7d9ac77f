export { allocateStock, AllocationInputError, type Allocation, type AllocationRule, type AllocationTarget, type StockPool } from './allocate.js';

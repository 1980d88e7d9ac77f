export { allocateStock, AllocationInputError, type Allocation, type AllocationRule, type AllocationTarget, type StockPool } from './allocate.js';
export { planStock, targetKey, type ChannelTarget, type OrderDemand, type SkuPlan, type StockCount } from './plan.js';

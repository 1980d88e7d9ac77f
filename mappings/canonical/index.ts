export * from './address.js';
export * from './countries.js';
export * from './currencies.js';
export * from './money.js';
export * from './order.js';
export * from './result.js';

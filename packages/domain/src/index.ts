export * from './lifecycle.js';
export * from './dates.js';
export * from './ledger.js';
export * from './batches.js';
export * from './investment.js';
export * from './schedule.js';
export * from './access.js';
export * from './office-sheets.js';

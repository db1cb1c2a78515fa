export * from './lifecycle.js';
export * from './dates.js';

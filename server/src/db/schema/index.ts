export * from './core.js';
export * from './projects.js';
export * from './investment.js';
export * from './ledger.js';
export * from './milestones.js';
export * from './trust.js';
export * from './auth-factors.js';

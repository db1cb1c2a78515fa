export * from './errors.js';
export * from './enums.js';
export * from './issues.js';
export * from './common.js';
export * from './auth.js';
export * from './admin.js';
export * from './projects.js';
export * from './settings.js';

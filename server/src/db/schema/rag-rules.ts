/** Colour rule sets per region 评色规则 (issue 11 item 2): one row per saved version, never edited. */
import { bigserial, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './core.js';

/**
 * A region's colour rule set, one row per saved version (1, 2, …). Append-only: a change is a new
 * version, so the history says which thresholds rated a project on any day. The newest version of a
 * region is in force for its projects and those below it, unless a region nearer the project has its
 * own (domain rag-rule-sets.ts). `rules` holds the thresholds of every rule (contracts `ragRuleSetSchema`).
 * The unique (region, version) key makes a concurrent save of the same base version fail instead of forking.
 */
export const ragRuleSets = pgTable(
  'rag_rule_sets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    version: integer('version').notNull(),
    rules: jsonb('rules').notNull(),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('rag_rule_sets_region_version_uq').on(t.regionCode, t.version)],
);

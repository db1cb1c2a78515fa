/**
 * Importing the project library 项目库 (one row per project, keyed by 项目编号). Leaders, units,
 * townships and enterprises are matched by name within the importer's region. New projects start at
 * 谋划 (planned): stages move only through the lifecycle, never by import.
 */
import { and, eq, inArray, or, sql, type Column } from 'drizzle-orm';
import { projectCategoryLabels, projectLevelLabels, type ProjectCategory, type ProjectLevel } from '@kpc/contracts';
import type { Executor, Tx } from '../../db/client.js';
import { enterprises, leaders, projects, projectUnits, regions, units } from '../../db/schema/index.js';
import { inSubtree, selfAndAncestors } from '../../lib/query.js';
import type { Actor } from '../../lib/policy.js';
import { insertAudits, type AuditRow } from './imports.repository.js';
import type { ApplyContext } from './imports.ledger.js';
import {
  toChoice,
  toDate,
  toText,
  toYuanFromWan,
  type ColumnSpec,
  type Converted,
  type RowError,
  type SheetRow,
} from './imports.sheet.js';

export const PROJECT_COLUMNS = [
  { key: 'code', header: '项目编号', width: 14, required: true },
  { key: 'name', header: '项目名称', width: 30, required: true },
  { key: 'level', header: '级别', width: 9, required: true },
  { key: 'category', header: '类别', width: 10, required: true },
  { key: 'industryChain', header: '产业链', width: 14 },
  { key: 'enterprise', header: '项目业主', width: 24 },
  { key: 'township', header: '所属乡镇', width: 12 },
  { key: 'location', header: '建设地点', width: 24 },
  { key: 'totalInvestment', header: '总投资(万元)', width: 13, required: true },
  { key: 'firstPhaseInvestment', header: '一期投资(万元)', width: 14 },
  { key: 'contractDate', header: '签约日期', width: 12 },
  { key: 'plannedStartDate', header: '计划开工', width: 12 },
  { key: 'plannedCompletionDate', header: '计划竣工', width: 12 },
  { key: 'plannedCommissioningDate', header: '计划投产', width: 12 },
  { key: 'leader', header: '分包领导', width: 10 },
  { key: 'leadUnit', header: '牵头单位', width: 18 },
  { key: 'coopUnits', header: '配合单位', width: 30 },
  { key: 'description', header: '建设内容', width: 40 },
] as const;

type Key = (typeof PROJECT_COLUMNS)[number]['key'];

export const projectImportColumns: ColumnSpec<Key>[] = PROJECT_COLUMNS.map((c) => ({
  key: c.key,
  header: c.header,
  required: 'required' in c && c.required,
  aliases:
    c.key === 'code'
      ? ['编号']
      : c.key === 'level'
        ? ['项目级别']
        : c.key === 'category'
          ? ['项目类别']
          : c.key === 'township'
            ? ['乡镇', '所在乡镇']
            : undefined,
}));

const headerOf = (k: Key) => PROJECT_COLUMNS.find((c) => c.key === k)!.header;

/** The project fields an import sets; undefined = column absent, leave alone. */
export interface ProjectRowValues {
  row: number;
  code: string;
  name: string;
  level: ProjectLevel;
  category: ProjectCategory;
  totalInvestment: number;
  regionCode?: string;
  industryChain?: string | null;
  enterpriseId?: number | null;
  location?: string | null;
  firstPhaseInvestment?: number | null;
  contractDate?: string | null;
  plannedStartDate?: string | null;
  plannedCompletionDate?: string | null;
  plannedCommissioningDate?: string | null;
  leaderId?: number | null;
  leadUnitId?: number | null;
  cooperatingUnitIds?: number[];
  description?: string | null;
}

export interface ProjectRefs {
  /** Codes of projects outside the actor's region (a code is unique everywhere). */
  foreignCodes: Set<string>;
  leadersByName: Map<string, number[]>;
  unitsByName: Map<string, number[]>;
  regionsByName: Map<string, string[]>;
  enterprisesByName: Map<string, number[]>;
}

const multiMap = <V>(pairs: [string | null, V][]) => {
  const m = new Map<string, V[]>();
  for (const [k, v] of pairs) {
    if (!k) continue;
    const list = m.get(k) ?? [];
    if (!list.includes(v)) list.push(v);
    m.set(k, list);
  }
  return m;
};

/** Region names as written in full and without their parent's name (召陵区召陵镇 → 召陵镇). */
function regionNames(rows: { code: string; name: string }[]): [string, string][] {
  const byCode = new Map(rows.map((r) => [r.code, r.name]));
  return rows.flatMap((r) => {
    const parent = byCode.get(r.code.slice(0, r.code.length === 9 ? 6 : r.code.length - 2));
    const out: [string, string][] = [[r.name, r.code]];
    if (parent && r.name.startsWith(parent) && r.name.length > parent.length) out.push([r.name.slice(parent.length), r.code]);
    return out;
  });
}

export async function loadProjectRefs(db: Executor, actor: Actor, codes: string[]): Promise<ProjectRefs> {
  const visible = (col: Column) => or(inSubtree(col, actor.regionCode), inArray(col, selfAndAncestors(actor.regionCode)))!;
  const [foreign, leaderRows, unitRows, regionRows, enterpriseRows] = await Promise.all([
    codes.length
      ? db
          .select({ code: projects.code })
          .from(projects)
          .where(sql`${inArray(projects.code, codes)} and not ${inSubtree(projects.regionCode, actor.regionCode)}`)
      : Promise.resolve([]),
    db
      .select({ id: leaders.id, name: leaders.name })
      .from(leaders)
      .where(and(visible(leaders.regionCode), eq(leaders.active, true))),
    db.select({ id: units.id, name: units.name }).from(units).where(visible(units.regionCode)),
    db.select({ code: regions.code, name: regions.name }).from(regions).where(inSubtree(regions.code, actor.regionCode)),
    db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(visible(enterprises.regionCode)),
  ]);
  return {
    foreignCodes: new Set(foreign.map((f) => f.code)),
    leadersByName: multiMap(leaderRows.map((l) => [l.name, l.id])),
    unitsByName: multiMap(unitRows.map((u) => [u.name, u.id])),
    regionsByName: multiMap(regionNames(regionRows)),
    enterprisesByName: multiMap(enterpriseRows.map((e) => [e.name, e.id])),
  };
}

export function validateProjectRow(
  r: SheetRow<Key>,
  present: Set<Key>,
  refs: ProjectRefs,
  seen: Map<string, number>,
): { values?: ProjectRowValues; errors: RowError[] } {
  const errors: RowError[] = [];
  const push = (k: Key, code: string, params?: Record<string, string | number>) =>
    errors.push({ row: r.row, column: headerOf(k), code, params });
  const take = <T>(k: Key, c: Converted<T>): T | undefined => {
    if (c.ok) return c.value;
    push(k, c.code, c.params);
    return undefined;
  };
  const need = <T>(k: Key, v: T | null | undefined): T | undefined => {
    if (v === null) push(k, 'required');
    return v ?? undefined;
  };
  const cell = (k: Key) => r.cells[k] ?? null;
  const opt = <T>(k: Key, c: Converted<T>): T | undefined => (present.has(k) ? take(k, c) : undefined);
  /** One record by name; null for a blank cell; undefined when absent or bad. */
  const byName = <V>(k: Key, map: Map<string, V[]>, unknown: string): V | null | undefined => {
    if (!present.has(k)) return undefined;
    const name = take(k, toText(cell(k), 200));
    if (name === undefined) return undefined;
    if (name === null) return null;
    const hits = map.get(name) ?? [];
    if (hits.length === 1) return hits[0];
    push(k, hits.length ? 'ambiguous_name' : unknown, { value: name });
    return undefined;
  };

  const code = need('code', take('code', toText(cell('code'), 32)));
  const name = need('name', take('name', toText(cell('name'), 200)));
  const level = need(
    'level',
    take(
      'level',
      toChoice<ProjectLevel>(cell('level'), projectLevelLabels, {
        省级: 'provincial',
        市级: 'municipal',
        区级: 'district',
        县级: 'district',
      }),
    ),
  );
  const category = need('category', take('category', toChoice(cell('category'), projectCategoryLabels)));
  const totalInvestment = need('totalInvestment', take('totalInvestment', toYuanFromWan(cell('totalInvestment'))));
  const firstPhaseInvestment = opt('firstPhaseInvestment', toYuanFromWan(cell('firstPhaseInvestment')));
  const dates = {
    contractDate: opt('contractDate', toDate(cell('contractDate'))),
    plannedStartDate: opt('plannedStartDate', toDate(cell('plannedStartDate'))),
    plannedCompletionDate: opt('plannedCompletionDate', toDate(cell('plannedCompletionDate'))),
    plannedCommissioningDate: opt('plannedCommissioningDate', toDate(cell('plannedCommissioningDate'))),
  };
  const township = byName('township', refs.regionsByName, 'unknown_township');
  const values: Omit<ProjectRowValues, 'row' | 'code' | 'name' | 'level' | 'category' | 'totalInvestment'> = {
    industryChain: opt('industryChain', toText(cell('industryChain'), 100)),
    location: opt('location', toText(cell('location'), 200)),
    description: opt('description', toText(cell('description'), 2000)),
    firstPhaseInvestment,
    ...dates,
    enterpriseId: byName('enterprise', refs.enterprisesByName, 'unknown_enterprise'),
    leaderId: byName('leader', refs.leadersByName, 'unknown_leader'),
    leadUnitId: byName('leadUnit', refs.unitsByName, 'unknown_unit'),
    // a blank township keeps the project where it is (or, when new, in the importer's own region)
    regionCode: township ?? undefined,
  };
  if (present.has('coopUnits')) {
    const list = take('coopUnits', toText(cell('coopUnits'), 1000));
    if (list !== undefined) {
      const ids: number[] = [];
      for (const n of (list ?? '')
        .split(/[、，,;；/\n]+/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const hits = refs.unitsByName.get(n) ?? [];
        if (hits.length === 1) ids.push(hits[0]!);
        else push('coopUnits', hits.length ? 'ambiguous_name' : 'unknown_unit', { value: n });
      }
      values.cooperatingUnitIds = [...new Set(ids)].sort((a, b) => a - b);
    }
  }
  if (firstPhaseInvestment != null && totalInvestment != null && firstPhaseInvestment > totalInvestment)
    push('firstPhaseInvestment', 'first_phase_exceeds_total');
  const order: [keyof typeof dates, keyof typeof dates][] = [
    ['plannedStartDate', 'plannedCompletionDate'],
    ['plannedCompletionDate', 'plannedCommissioningDate'],
  ];
  for (const [a, b] of order) {
    const da = dates[a];
    const db = dates[b];
    if (da && db && db < da) {
      const key = b as Key;
      push(key, 'date_order', { before: headerOf(a as Key), beforeEn: a });
    }
  }
  if (code) {
    if (refs.foreignCodes.has(code)) push('code', 'code_taken', { value: code });
    const first = seen.get(code);
    if (first !== undefined) push('code', 'duplicate_key', { row: first });
    else seen.set(code, r.row);
  }
  if (errors.length || !code || !name || !level || !category || totalInvestment === undefined) return { errors };
  return { errors, values: { row: r.row, code, name, level, category, totalInvestment, ...values } };
}

type ProjectRow = typeof projects.$inferSelect;
const scalarFields = [
  'name',
  'level',
  'category',
  'totalInvestment',
  'regionCode',
  'industryChain',
  'enterpriseId',
  'location',
  'firstPhaseInvestment',
  'contractDate',
  'plannedStartDate',
  'plannedCompletionDate',
  'plannedCommissioningDate',
  'leaderId',
  'leadUnitId',
  'description',
] as const;

function changesOf(e: ProjectRow, v: ProjectRowValues): Partial<ProjectRow> {
  const out: Record<string, unknown> = {};
  for (const k of scalarFields) {
    const next = v[k];
    if (next === undefined) continue;
    if ((e[k] ?? null) !== (next ?? null)) out[k] = next;
  }
  return out as Partial<ProjectRow>;
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function loadExisting(db: Executor, codes: string[]) {
  const rows = codes.length ? await db.select().from(projects).where(inArray(projects.code, codes)) : [];
  const coop = rows.length
    ? await db
        .select()
        .from(projectUnits)
        .where(
          inArray(
            projectUnits.projectId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const coopOf = new Map<number, number[]>();
  for (const c of coop) coopOf.set(c.projectId, [...(coopOf.get(c.projectId) ?? []), c.unitId]);
  for (const [k, v] of coopOf)
    coopOf.set(
      k,
      v.sort((a, b) => a - b),
    );
  return new Map(rows.map((r) => [r.code, { row: r, coop: coopOf.get(r.id) ?? [] }]));
}

const snapshot = (r: ProjectRow, coop: number[]) => ({
  ...r,
  cooperatingUnitIds: coop,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function planProjectRows(db: Executor, rows: ProjectRowValues[]) {
  const existing = await loadExisting(
    db,
    rows.map((r) => r.code),
  );
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const v of rows) {
    const e = existing.get(v.code);
    if (!e) created++;
    else if (Object.keys(changesOf(e.row, v)).length || (v.cooperatingUnitIds && !sameIds(v.cooperatingUnitIds, e.coop)))
      updated++;
    else unchanged++;
  }
  return { created, updated, unchanged };
}

export async function applyProjectRows(tx: Tx, rows: ProjectRowValues[], ctx: ApplyContext) {
  const existing = await loadExisting(
    tx,
    rows.map((r) => r.code),
  );
  const audits: AuditRow[] = [];
  const audit = (a: Pick<AuditRow, 'action' | 'entityId' | 'regionCode' | 'before' | 'after'>): AuditRow => ({
    ...a,
    entity: 'project',
    at: ctx.now,
    userId: ctx.actor.id,
    username: ctx.actor.username,
    ip: ctx.ip,
  });
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let processed = 0;
  for (const v of rows) {
    const e = existing.get(v.code);
    if (!e) {
      const { row: _r, cooperatingUnitIds, ...fields } = v;
      const [p] = await tx
        .insert(projects)
        .values({
          ...fields,
          regionCode: v.regionCode ?? ctx.actor.regionCode,
          stage: 'planned',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const coop = cooperatingUnitIds ?? [];
      if (coop.length) await tx.insert(projectUnits).values(coop.map((unitId) => ({ projectId: p!.id, unitId })));
      audits.push(
        audit({ action: 'create', entityId: String(p!.id), regionCode: p!.regionCode, before: null, after: snapshot(p!, coop) }),
      );
      created++;
    } else {
      const changes = changesOf(e.row, v);
      const coopChanged = v.cooperatingUnitIds !== undefined && !sameIds(v.cooperatingUnitIds, e.coop);
      if (!Object.keys(changes).length && !coopChanged) unchanged++;
      else {
        const [after] = await tx
          .update(projects)
          .set({ ...changes, updatedAt: ctx.now, version: sql`${projects.version} + 1` })
          .where(eq(projects.id, e.row.id))
          .returning();
        if (coopChanged) {
          await tx.delete(projectUnits).where(eq(projectUnits.projectId, e.row.id));
          if (v.cooperatingUnitIds!.length)
            await tx.insert(projectUnits).values(v.cooperatingUnitIds!.map((unitId) => ({ projectId: e.row.id, unitId })));
        }
        audits.push(
          audit({
            action: 'update',
            entityId: String(e.row.id),
            regionCode: after!.regionCode,
            before: snapshot(e.row, e.coop),
            after: snapshot(after!, v.cooperatingUnitIds ?? e.coop),
          }),
        );
        updated++;
      }
    }
    processed++;
    if (processed % 100 === 0) ctx.onProgress(processed);
  }
  await insertAudits(tx, audits);
  ctx.onProgress(processed);
  return { created, updated, unchanged };
}

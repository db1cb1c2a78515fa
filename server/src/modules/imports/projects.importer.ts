/**
 * Importing the project library 项目库 (one row per project, keyed by 项目编号). Leaders, units,
 * townships and enterprises are matched by name within the importer's region. New projects start at
 * 谋划 (planned): stages move only through the lifecycle, never by import.
 */
import ExcelJS from 'exceljs';
import { projectCategoryLabels, projectLevelLabels, type ProjectCategory, type ProjectLevel } from '@kpc/contracts';
import type { Executor, Tx } from '../../db/client.js';
import { writeAudits, type AuditEntry } from '../../lib/audit.js';
import type { Actor } from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';
import { addListValidation } from '../../reports/ledger-xlsx.js';
import { replaceCooperatingUnits } from '../projects/projects.repository.js';
import { ImportRowConflict, type ApplyOptions, type ImportCounts, type Importer, type RowCheck } from './importer.js';
import * as repo from './imports.repository.js';
import {
  distinctTexts,
  toChoice,
  toDate,
  toText,
  toYuanFromWan,
  type ColumnSpec,
  type Converted,
  type RowError,
  type SheetRow,
} from './imports.sheet.js';

const PROJECT_COLUMNS = [
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

const columns: ColumnSpec<Key>[] = PROJECT_COLUMNS.map((c) => ({
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

async function loadRefs(db: Executor, actor: Actor, codes: string[]): Promise<ProjectRefs> {
  const r = actor.regionCode;
  const [foreign, leaderRows, unitRows, regionRows, enterpriseRows] = await Promise.all([
    repo.foreignProjectCodes(db, r, codes),
    repo.listVisibleActiveLeaders(db, r),
    repo.listVisibleUnits(db, r),
    repo.listRegionsIn(db, r),
    repo.listVisibleEnterprises(db, r),
  ]);
  return {
    foreignCodes: new Set(foreign),
    leadersByName: multiMap(leaderRows.map((l) => [l.name, l.id])),
    unitsByName: multiMap(unitRows.map((u) => [u.name, u.id])),
    regionsByName: multiMap(regionNames(regionRows)),
    enterprisesByName: multiMap(enterpriseRows.map((e) => [e.name, e.id])),
  };
}

function validateRow(
  r: SheetRow<Key>,
  present: Set<Key>,
  refs: ProjectRefs,
  { seen }: RowCheck,
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

type ProjectRow = repo.ProjectRow;
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

const snapshot = (r: ProjectRow, coop: number[]) => ({
  ...r,
  cooperatingUnitIds: coop,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

async function plan(db: Executor, rows: ProjectRowValues[]): Promise<ImportCounts> {
  const existing = await repo.findProjectsWithUnits(
    db,
    rows.map((r) => r.code),
  );
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const v of rows) {
    const e = existing.get(v.code);
    if (!e) counts.created++;
    else if (Object.keys(changesOf(e.row, v)).length || (v.cooperatingUnitIds && !sameIds(v.cooperatingUnitIds, e.coop)))
      counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

/** Writes the rows in the caller's transaction; a project changed meanwhile (version moved on) refuses the import. */
async function apply(
  tx: Tx,
  ctx: RequestContext,
  rows: ProjectRowValues[],
  _refs: ProjectRefs,
  { at, onProgress }: ApplyOptions,
): Promise<ImportCounts> {
  const existing = await repo.findProjectsWithUnits(
    tx,
    rows.map((r) => r.code),
  );
  const audits: AuditEntry[] = [];
  const audit = (e: Omit<AuditEntry, 'entity'>): AuditEntry => ({ ...e, entity: 'project' });
  const counts = { created: 0, updated: 0, unchanged: 0 };
  let processed = 0;
  for (const v of rows) {
    const e = existing.get(v.code);
    if (!e) {
      const { row: _r, cooperatingUnitIds, ...fields } = v;
      const p = await repo.insertImportedProject(tx, {
        ...fields,
        regionCode: v.regionCode ?? ctx.actor.regionCode,
        stage: 'planned',
        createdAt: at,
        updatedAt: at,
      });
      const coop = cooperatingUnitIds ?? [];
      if (coop.length) await replaceCooperatingUnits(tx, p.id, coop);
      audits.push(audit({ action: 'create', entityId: p.id, regionCode: p.regionCode, after: snapshot(p, coop) }));
      counts.created++;
    } else {
      const changes = changesOf(e.row, v);
      const coopChanged = v.cooperatingUnitIds !== undefined && !sameIds(v.cooperatingUnitIds, e.coop);
      if (!Object.keys(changes).length && !coopChanged) counts.unchanged++;
      else {
        const after = await repo.updateImportedProject(tx, e.row.id, e.row.version, changes, at);
        if (!after) throw new ImportRowConflict({ row: v.row, column: headerOf('code'), code: 'changed_meanwhile' });
        if (coopChanged) await replaceCooperatingUnits(tx, e.row.id, v.cooperatingUnitIds!);
        audits.push(
          audit({
            action: 'update',
            entityId: e.row.id,
            regionCode: after.regionCode,
            before: snapshot(e.row, e.coop),
            after: snapshot(after, v.cooperatingUnitIds ?? e.coop),
          }),
        );
        counts.updated++;
      }
    }
    processed++;
    if (processed % 100 === 0) onProgress(processed);
  }
  await writeAudits(tx, ctx.audit, audits, at);
  onProgress(processed);
  return counts;
}

async function projectsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目库', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PROJECT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }));
  const list = (key: string, labels: Record<string, { 'zh-CN': string }>) =>
    addListValidation(
      ws,
      key,
      2,
      Object.values(labels).map((l) => l['zh-CN']),
    );
  list('level', projectLevelLabels);
  list('category', projectCategoryLabels);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const projectsImporter: Importer<Key, ProjectRowValues, ProjectRefs> = {
  kind: 'projects',
  path: 'projects',
  summary:
    '导入项目库 Import the project library (xlsx, one row per project keyed by 项目编号; all or nothing; dryRun=true only validates)',
  columns,
  template: { filename: '项目库导入模板.xlsx', build: projectsTemplate },
  loadRefs: (ctx, sheetRows) => loadRefs(ctx.db, ctx.actor, distinctTexts(sheetRows, 'code')),
  validateRow,
  plan,
  apply,
};

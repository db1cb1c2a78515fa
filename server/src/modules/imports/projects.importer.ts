/**
 * Importing the project library 项目库 (one row per project, keyed by 项目编号). Leaders, units,
 * townships and enterprises are matched by name within the importer's region. New projects start at
 * 谋划 (planned): stages move only through the lifecycle, never by import.
 *
 * An office's own project list (not the template) is read by its headers: amounts with their unit in
 * the cell or the column (12.5亿元, 3000万, 单位：万元), dates as people write them (2026年8月), units
 * by name, prefix or abbreviation, and a row without a code names a project already in the library.
 */
import ExcelJS from 'exceljs';
import { matchProject, matchUnit, readAmountYuan, readDeadline } from '@kpc/domain';
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
  amountUnitOf,
  distinctTexts,
  toChoice,
  toDate,
  toText,
  toYuanFromWan,
  type CellValue,
  type ColumnSpec,
  type Converted,
  type OfficeLayout,
  type Reading,
  rowChecker,
  type RowError,
  type SheetLayout,
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

/** Headers office project lists use besides the template's. */
const officeSynonyms: Partial<Record<Key, string[]>> = {
  code: ['项目编号', '项目代码', '编号'],
  name: ['项目名称', '项目'],
  level: ['级别', '项目级别'],
  category: ['类别', '项目类别', '项目类型'],
  enterprise: ['项目业主', '建设单位', '业主单位', '实施主体'],
  township: ['所属乡镇', '所在乡镇', '乡镇', '乡镇（街道）'],
  location: ['建设地点', '项目地点'],
  totalInvestment: ['总投资', '计划总投资', '总投资额'],
  firstPhaseInvestment: ['一期投资'],
  contractDate: ['签约日期', '签约时间'],
  plannedStartDate: ['计划开工', '计划开工时间', '开工时间'],
  plannedCompletionDate: ['计划竣工', '计划竣工时间', '竣工时间'],
  plannedCommissioningDate: ['计划投产', '计划投产时间', '投产时间'],
  leader: ['分包领导', '包联领导', '联系领导'],
  leadUnit: ['牵头单位', '责任单位'],
  coopUnits: ['配合单位', '协同单位'],
  description: ['建设内容', '建设规模及内容', '主要建设内容'],
};

const office: OfficeLayout<Key> = {
  fields: PROJECT_COLUMNS.map((c) => ({
    key: c.key,
    label: c.header.replace(/\(万元\)$/, ''),
    synonyms: officeSynonyms[c.key] ?? [c.header],
    // a row without a code names a project already in the library
    required: 'required' in c && c.required && c.key !== 'code',
  })),
};

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
  /** An office sheet's lookups: the region's projects (a row may name one without its code), units, unit-name prefixes. */
  office?: {
    projects: { id: number; code: string; name: string }[];
    units: { id: number; name: string; shortName: string | null }[];
    districtPrefixes: string[];
  };
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

async function loadRefs(db: Executor, actor: Actor, codes: string[], officeSheet: boolean): Promise<ProjectRefs> {
  const r = actor.regionCode;
  const officeRefs = officeSheet
    ? Promise.all([repo.listProjectsInRegion(db, r), repo.listRegionNamesUp(db, r)])
    : Promise.resolve(null);
  const [foreign, leaderRows, unitRows, regionRows, enterpriseRows] = await Promise.all([
    repo.foreignProjectCodes(db, r, codes),
    repo.listVisibleActiveLeaders(db, r),
    repo.listVisibleUnits(db, r),
    repo.listRegionsIn(db, r),
    repo.listVisibleEnterprises(db, r),
  ]);
  const officeLookups = await officeRefs;
  return {
    office: officeLookups
      ? { projects: officeLookups[0], units: unitRows, districtPrefixes: [...officeLookups[1], '区', '县'] }
      : undefined,
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
  { seen, asOf }: RowCheck,
  layout: SheetLayout<Key>,
): { values?: ProjectRowValues; errors: RowError[]; readings?: Reading[] } {
  const readings: Reading[] = [];
  const col = (k: Key) => layout.headers[k] ?? headerOf(k);
  const { errors, push, take, need } = rowChecker<Key>(r.row, col);
  const read = (k: Key, original: string, reading: string) => readings.push({ row: r.row, column: col(k), original, reading });
  const shown = (v: CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const lookups = layout.office ? refs.office : undefined;
  /** An amount: 万元 in the template; in an office sheet with its unit in the cell or the column. */
  const amount = (k: Key): Converted<number | null> => {
    const v = r.cells[k] ?? null;
    if (!lookups || v === null || v instanceof Date) return toYuanFromWan(v);
    const a = readAmountYuan(v, amountUnitOf(layout.headers[k], layout.amountUnit));
    if (!a.ok) return { ok: false, code: 'unreadable_amount', params: { value: shown(v), reason: a.reason } };
    read(k, shown(v), a.reading.slice(a.reading.indexOf(' → ') + 3));
    return { ok: true, value: a.yuan };
  };
  /** A date: a calendar day in the template; in an office sheet as people write it (2026年8月 → 2026-08-31). */
  const date = (k: Key): Converted<string | null> => {
    const v = r.cells[k] ?? null;
    if (!lookups || v === null || v instanceof Date) return toDate(v);
    const d = readDeadline(v, asOf);
    if (d.kind !== 'date')
      return {
        ok: false,
        code: 'unreadable_date',
        params: { value: shown(v), reason: d.kind === 'invalid' ? d.reason : '须为具体日期' },
      };
    if (shown(v) !== d.date) read(k, shown(v), d.reading.slice(d.reading.indexOf(' → ') + 3));
    return { ok: true, value: d.date };
  };
  /** A unit by name; in an office sheet also by prefix or abbreviation (区发改委). */
  const unitHits = (k: Key, name: string): number[] => {
    if (!lookups) return refs.unitsByName.get(name) ?? [];
    const m = matchUnit(name, lookups.units, lookups.districtPrefixes);
    if ('match' in m) {
      const full = lookups.units.find((u) => u.id === m.match)!.name;
      if (full !== name) read(k, name, `单位 ${full}`);
      return [m.match];
    }
    return 'ambiguous' in m ? m.ambiguous : [];
  };
  const cell = (k: Key) => r.cells[k] ?? null;
  const opt = <T>(k: Key, c: Converted<T>): T | undefined => (present.has(k) ? take(k, c) : undefined);
  /** One record by name; null for a blank cell; undefined when absent or bad. */
  const byName = <V>(k: Key, map: Map<string, V[]>, unknown: string): V | null | undefined => {
    if (!present.has(k)) return undefined;
    const name = take(k, toText(cell(k), 200));
    if (name === undefined) return undefined;
    if (name === null) return null;
    const hits = k === 'leadUnit' ? (unitHits(k, name) as V[]) : (map.get(name) ?? []);
    if (hits.length === 1) return hits[0];
    push(k, hits.length ? 'ambiguous_name' : unknown, { value: name });
    return undefined;
  };

  /**
   * An office row's code: as written, else that of the library project its name names (whose name
   * then stays as the library writes it: 测试物流园 does not rename 测试物流园项目).
   */
  const officeProject = (name: string | undefined): { code?: string; name?: string } => {
    const written = present.has('code') ? take('code', toText(cell('code'), 32)) : null;
    if (written !== null || !name || !lookups) return { code: written ?? undefined, name };
    const m = matchProject(name, lookups.projects);
    const nameOf = (id: number) => lookups.projects.find((p) => p.id === id)!.name;
    if ('match' in m) {
      const p = lookups.projects.find((x) => x.id === m.match)!;
      read('name', name, `项目 ${p.code} ${p.name}（未填编号，按名称对应）`);
      return { code: p.code, name: p.name };
    }
    if ('ambiguous' in m) push('name', 'ambiguous_project', { value: name, candidates: m.ambiguous.map(nameOf).join('、') });
    else push('code', 'new_project_needs_code', { value: name, closest: m.closest.map((c) => c.name).join('、') || '无' });
    return { name };
  };
  // the template: the code first, then the name, as every row error has always been listed
  const templateCode = lookups ? undefined : need('code', take('code', toText(cell('code'), 32)));
  const nameText = need('name', take('name', toText(cell('name'), 200)));
  const { code, name } = lookups ? officeProject(nameText) : { code: templateCode, name: nameText };
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
  const totalInvestment = need('totalInvestment', take('totalInvestment', amount('totalInvestment')));
  const firstPhaseInvestment = present.has('firstPhaseInvestment')
    ? take('firstPhaseInvestment', amount('firstPhaseInvestment'))
    : undefined;
  const optDate = (k: Key) => (present.has(k) ? take(k, date(k)) : undefined);
  const dates = {
    contractDate: optDate('contractDate'),
    plannedStartDate: optDate('plannedStartDate'),
    plannedCompletionDate: optDate('plannedCompletionDate'),
    plannedCommissioningDate: optDate('plannedCommissioningDate'),
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
        const hits = unitHits('coopUnits', n);
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
      push(key, 'date_order', { before: col(a as Key), beforeEn: a });
    }
  }
  if (code) {
    if (refs.foreignCodes.has(code)) push('code', 'code_taken', { value: code });
    const first = seen.get(code);
    if (first !== undefined) push('code', 'duplicate_key', { row: first });
    else seen.set(code, r.row);
  }
  if (errors.length || !code || !name || !level || !category || totalInvestment === undefined) return { errors, readings };
  return { errors, readings, values: { row: r.row, code, name, level, category, totalInvestment, ...values } };
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
    '导入项目库 Import the project library (xlsx, one row per project keyed by 项目编号, or an office’s own list read by its ' +
    'headers; all or nothing; dryRun=true only validates)',
  columns,
  office,
  template: { filename: '项目库导入模板.xlsx', build: projectsTemplate },
  loadRefs: (ctx, sheetRows, layout) => loadRefs(ctx.db, ctx.actor, distinctTexts(sheetRows, 'code'), layout.office),
  validateRow,
  plan,
  apply,
};

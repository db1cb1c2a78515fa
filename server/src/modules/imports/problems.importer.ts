/**
 * Importing a problem list 问题清单 in the layout offices keep: 序号 / 项目名称 / 问题类别 / 问题描述 /
 * 责任单位 / 协调领导 / 完成时限 / 进展情况 (our export adds columns after these, which are read past).
 * Projects are matched by name (or code), units by name, prefix or abbreviation, leaders by name,
 * categories by their zh-CN label, deadlines as people write them. A row is keyed by project +
 * description: a new key raises an open problem (source unit_report), a known one is updated only where
 * a value differs, so the same sheet twice changes nothing. 序号 only numbers the rows.
 */
import { problemCategoryLabels, type ProblemCategory } from '@kpc/contracts';
import { matchProject, matchUnit, readDeadline, type NameMatch } from '@kpc/domain';
import type { Executor, Tx } from '../../db/client.js';
import { writeAudits, type AuditEntry } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/request-context.js';
import { PROBLEM_COLUMNS, problemsTemplate, type ProblemColumnKey } from '../../reports/problems-xlsx.js';
import * as problemsRepo from '../problems/problems.repository.js';
import { ImportRowConflict, type ApplyOptions, type ImportCounts, type Importer, type RowCheck } from './importer.js';
import { listProjectsInRegion, listRegionNamesUp, listVisibleActiveLeaders, listVisibleUnits } from './imports.repository.js';
import {
  rowChecker,
  toChoice,
  toText,
  type CellValue,
  type ColumnSpec,
  type OfficeLayout,
  type Reading,
  type RowError,
  type SheetLayout,
  type SheetRow,
} from './imports.sheet.js';

type Key = ProblemColumnKey;

const required: Key[] = ['projectName', 'category', 'description'];
const synonyms: Record<Key, string[]> = {
  seq: ['序号', '编号'],
  projectName: ['项目名称', '项目', '所属项目'],
  category: ['问题类别', '问题类型', '类别', '类型'],
  description: ['问题描述', '问题内容', '存在问题', '具体问题'],
  unitName: ['责任单位', '牵头单位', '责任部门', '承办单位'],
  leaderName: ['协调领导', '包联领导', '分包领导', '责任领导'],
  deadline: ['完成时限', '解决时限', '时限要求', '完成时间'],
  progressNote: ['进展情况', '解决进展', '推进情况', '办理情况'],
};

const columns: ColumnSpec<Key>[] = PROBLEM_COLUMNS.map((c) => ({
  key: c.key,
  header: c.header,
  aliases: synonyms[c.key].filter((s) => s !== c.header),
  required: required.includes(c.key),
}));

const office: OfficeLayout<Key> = {
  fields: PROBLEM_COLUMNS.map((c) => ({
    key: c.key,
    label: c.header,
    synonyms: synonyms[c.key],
    required: required.includes(c.key),
  })),
};

const headerOf = (k: Key) => PROBLEM_COLUMNS.find((c) => c.key === k)!.header;

export interface ProblemRowValues {
  row: number;
  projectId: number;
  category: ProblemCategory;
  description: string;
  /** undefined: the column is not in the sheet, leave the field alone. */
  unitId?: number | null;
  leaderId?: number | null;
  deadline?: string | null;
  progressNote?: string | null;
}

interface ProjectRef {
  id: number;
  code: string;
  name: string;
  regionCode: string;
}

export interface ProblemRefs {
  projects: ProjectRef[];
  units: { id: number; name: string; shortName: string | null }[];
  leadersByName: Map<string, number[]>;
  districtPrefixes: string[];
}

async function loadRefs(ctx: RequestContext): Promise<ProblemRefs> {
  const { db, actor } = ctx;
  const [projectRows, unitRows, leaderRows, regionNames] = await Promise.all([
    listProjectsInRegion(db, actor.regionCode),
    listVisibleUnits(db, actor.regionCode),
    listVisibleActiveLeaders(db, actor.regionCode),
    listRegionNamesUp(db, actor.regionCode),
  ]);
  const leadersByName = new Map<string, number[]>();
  for (const l of leaderRows) leadersByName.set(l.name, [...(leadersByName.get(l.name) ?? []), l.id]);
  return { projects: projectRows, units: unitRows, leadersByName, districtPrefixes: [...regionNames, '区', '县'] };
}

const cellText = (v: CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v));
const namesOf = (ids: number[], nameOf: (id: number) => string | undefined) =>
  ids
    .map(nameOf)
    .filter((n): n is string => !!n)
    .join('、');
/** Descriptions compare without their whitespace: a re-typed line break is the same problem. */
const sameText = (s: string) => s.replace(/\s+/g, '');
const keyOf = (projectId: number, description: string) => `${projectId}:${sameText(description)}`;

function validateRow(
  r: SheetRow<Key>,
  present: Set<Key>,
  refs: ProblemRefs,
  { asOf, seen }: RowCheck,
  layout: SheetLayout<Key>,
): { values?: ProblemRowValues; errors: RowError[]; readings: Reading[] } {
  const readings: Reading[] = [];
  const col = (k: Key) => layout.headers[k] ?? headerOf(k);
  const { errors, take, need, push } = rowChecker<Key>(r.row, col);
  const cell = (k: Key) => r.cells[k] ?? null;
  const read = (k: Key, original: string, reading: string) => readings.push({ row: r.row, column: col(k), original, reading });

  let project: ProjectRef | undefined;
  const projectText = need('projectName', take('projectName', toText(cell('projectName'), 200)));
  if (projectText) {
    const m: NameMatch<number> = matchProject(projectText, refs.projects);
    const nameOf = (id: number) => refs.projects.find((p) => p.id === id)?.name;
    if ('match' in m) {
      project = refs.projects.find((p) => p.id === m.match)!;
      if (projectText !== project.name) read('projectName', projectText, `项目 ${project.code} ${project.name}`);
    } else if ('ambiguous' in m)
      push('projectName', 'ambiguous_project', { value: projectText, candidates: namesOf(m.ambiguous, nameOf) });
    else
      push('projectName', 'unknown_project_name', {
        value: projectText,
        closest: m.closest.map((c) => c.name).join('、') || '无',
      });
  }

  const category = need(
    'category',
    take(
      'category',
      toChoice<ProblemCategory>(cell('category'), problemCategoryLabels, {
        用地: 'land',
        土地问题: 'land',
        资金问题: 'funding',
        融资: 'funding',
        手续: 'permit',
        审批手续: 'permit',
        水电: 'utilities',
        水电气暖: 'utilities',
        拆迁: 'demolition',
        征地拆迁: 'demolition',
        环保: 'environment',
      }),
    ),
  );
  const description = need('description', take('description', toText(cell('description'), 1000)));

  let unitId: number | null | undefined;
  if (present.has('unitName')) {
    const unitText = take('unitName', toText(cell('unitName'), 100));
    unitId = null;
    if (unitText) {
      const m = matchUnit(unitText, refs.units, refs.districtPrefixes);
      const nameOf = (id: number) => refs.units.find((u) => u.id === id)?.name;
      if ('match' in m) {
        unitId = m.match;
        if (nameOf(m.match) !== unitText) read('unitName', unitText, `单位 ${nameOf(m.match)}`);
      } else if ('ambiguous' in m)
        push('unitName', 'ambiguous_unit', { value: unitText, candidates: namesOf(m.ambiguous, nameOf) });
      else
        push('unitName', 'unknown_unit_closest', { value: unitText, closest: m.closest.map((c) => c.name).join('、') || '无' });
    }
  }

  let leaderId: number | null | undefined;
  if (present.has('leaderName')) {
    const leaderText = take('leaderName', toText(cell('leaderName'), 64));
    leaderId = null;
    if (leaderText) {
      // 张三（副区长）, 张三同志: the name before any title
      const name = leaderText
        .replace(/[（(].*$/, '')
        .replace(/同志$/, '')
        .trim();
      const ids = refs.leadersByName.get(name) ?? [];
      if (ids.length === 1) {
        leaderId = ids[0]!;
        if (name !== leaderText) read('leaderName', leaderText, `领导 ${name}`);
      } else if (ids.length > 1) push('leaderName', 'ambiguous_name', { value: leaderText });
      else push('leaderName', 'unknown_leader', { value: leaderText });
    }
  }

  let deadline: string | null | undefined;
  if (present.has('deadline')) {
    const d = cell('deadline');
    deadline = null;
    if (d !== null && cellText(d).trim() !== '') {
      const reading = readDeadline(d, asOf);
      const original = cellText(d);
      if (reading.kind === 'invalid') push('deadline', 'unreadable_deadline', { value: original, reason: reading.reason });
      else if (reading.kind === 'date') {
        deadline = reading.date;
        if (!(d instanceof Date) && original !== reading.date)
          read('deadline', original, reading.reading.slice(reading.reading.indexOf(' → ') + 3));
      } else read('deadline', original, '长期事项，不设完成时限');
    }
  }

  const progressNote = present.has('progressNote') ? take('progressNote', toText(cell('progressNote'), 2000)) : undefined;

  if (project && description) {
    const key = keyOf(project.id, description);
    const first = seen.get(key);
    if (first !== undefined) push('description', 'duplicate_key', { row: first });
    else seen.set(key, r.row);
  }
  if (errors.length || !project || !category || !description) return { errors, readings };
  return {
    errors,
    readings,
    values: { row: r.row, projectId: project.id, category, description, unitId, leaderId, deadline, progressNote },
  };
}

const comparable = ['category', 'unitId', 'leaderId', 'deadline', 'progressNote'] as const;

function changesOf(e: problemsRepo.ProblemRow, v: ProblemRowValues): problemsRepo.ProblemChanges {
  const out: Record<string, unknown> = {};
  for (const k of comparable) {
    const next = v[k];
    if (next === undefined) continue;
    if ((e[k] ?? null) !== (next ?? null)) out[k] = next;
  }
  return out as problemsRepo.ProblemChanges;
}

async function existingProblems(db: Executor, rows: ProblemRowValues[]) {
  const stored = await problemsRepo.listProblemsOfProjects(db, [...new Set(rows.map((r) => r.projectId))]);
  // the oldest problem of a key is the one the sheet names
  const byKey = new Map<string, problemsRepo.ProblemRow>();
  for (const p of stored.sort((a, b) => a.id - b.id))
    if (!byKey.has(keyOf(p.projectId, p.description))) byKey.set(keyOf(p.projectId, p.description), p);
  return byKey;
}

async function plan(db: Executor, rows: ProblemRowValues[]): Promise<ImportCounts> {
  const existing = await existingProblems(db, rows);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const v of rows) {
    const e = existing.get(keyOf(v.projectId, v.description));
    if (!e) counts.created++;
    else if (Object.keys(changesOf(e, v)).length) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

async function apply(
  tx: Tx,
  ctx: RequestContext,
  rows: ProblemRowValues[],
  refs: ProblemRefs,
  { at, asOf, onProgress }: ApplyOptions,
) {
  const existing = await existingProblems(tx, rows);
  const regionOf = new Map(refs.projects.map((p) => [p.id, p.regionCode]));
  const creates: problemsRepo.NewProblem[] = [];
  const audits: AuditEntry[] = [];
  let updated = 0;
  let unchanged = 0;
  for (const v of rows) {
    const e = existing.get(keyOf(v.projectId, v.description));
    if (!e) {
      creates.push({
        projectId: v.projectId,
        category: v.category,
        source: 'unit_report',
        description: v.description,
        unitId: v.unitId ?? null,
        leaderId: v.leaderId ?? null,
        deadline: v.deadline ?? null,
        progressNote: v.progressNote ?? null,
        raisedBy: ctx.actor.id,
        raisedByName: ctx.actor.displayName,
        raisedOn: asOf,
        createdBy: ctx.actor.id,
        createdAt: at,
        updatedAt: at,
      });
      continue;
    }
    const changes = changesOf(e, v);
    if (!Object.keys(changes).length) {
      unchanged++;
      continue;
    }
    const after = await problemsRepo.updateProblem(tx, e.id, e.version, changes, at);
    if (!after) throw new ImportRowConflict({ row: v.row, column: headerOf('description'), code: 'changed_meanwhile' });
    audits.push({
      action: 'update',
      entity: 'problem',
      entityId: e.id,
      regionCode: regionOf.get(e.projectId) ?? null,
      before: e,
      after,
    });
    updated++;
    onProgress(updated + unchanged);
  }
  for (let i = 0; i < creates.length; i += 1000) {
    const inserted = await problemsRepo.insertProblems(tx, creates.slice(i, i + 1000));
    for (const r of inserted)
      audits.push({
        action: 'create',
        entity: 'problem',
        entityId: r.id,
        regionCode: regionOf.get(r.projectId) ?? null,
        after: r,
      });
    onProgress(updated + unchanged + i + inserted.length);
  }
  await writeAudits(tx, ctx.audit, audits, at);
  return { created: creates.length, updated, unchanged };
}

export const problemsImporter: Importer<Key, ProblemRowValues, ProblemRefs> = {
  kind: 'problems',
  path: 'problems',
  summary:
    '导入问题清单 Import a problem list (序号/项目名称/问题类别/问题描述/责任单位/协调领导/完成时限/进展情况; keyed by project + description; ' +
    'all or nothing; dryRun=true only validates)',
  columns,
  office,
  template: { filename: '问题清单导入模板.xlsx', build: problemsTemplate },
  loadRefs: (ctx) => loadRefs(ctx),
  validateRow,
  plan,
  apply,
};

/**
 * Importing ledger items from the office sheet. A row is keyed by 项目编号 + 序号: a new key creates
 * an item, a known key updates it only where a value differs, so the same file twice changes nothing.
 * Optional columns missing from the sheet leave their fields alone.
 *
 * An office's own ledger (not the template) is read by its headers instead: projects by code or
 * name, units by name, prefix or abbreviation, deadlines as people write them. Its 序号 numbers
 * projects, so each item's 序号 is its place among its project's rows in the sheet (the same sheet
 * again gives the same keys). 长期 / 持续推进 (in either layout) is a recurring item, with no deadline.
 * 进展情况 is the item's latest progress note (a blank cell leaves the note as it is: a sheet never
 * erases a unit's report); 备注 goes into the evidence note. 存在问题 raises a problem in the problem
 * list (source 单位上报, on the item's project and unit, its category guessed from its words) through
 * the raiseProblems command, in the import's transaction; a problem the project already has with the
 * same description (compared by problemKey) is not raised again, so the same sheet twice raises nothing.
 */
import { ledgerStatusLabels, problemCategoryLabels, type LedgerStatus, type ProblemCategory, type Stage } from '@kpc/contracts';
import type { Executor, Tx } from '../../db/client.js';
import type { Actor } from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';
import {
  completionFor,
  guessProblemCategory,
  isNoProblem,
  matchProject,
  matchUnit,
  problemKey,
  readDeadline,
  stageFocus,
  type NameMatch,
} from '@kpc/domain';
import { raiseProblems, type RaisedProblem } from '../../commands/raise-problems.js';
import * as problemsRepo from '../problems/problems.repository.js';
import { writeAudits, type AuditEntry } from '../../lib/audit.js';
import { LEDGER_COLUMNS, ledgerTemplate, type LedgerColumnKey } from '../../reports/ledger-xlsx.js';
import * as ledgerRepo from '../ledger/ledger.repository.js';
import { ImportRowConflict, type ApplyOptions, type ImportCounts, type Importer, type RowCheck } from './importer.js';
import { findProjectsByCode, listProjectsInRegion, listRegionNamesUp, listVisibleUnits } from './imports.repository.js';
import {
  distinctTexts,
  toChoice,
  toDate,
  toPositiveInt,
  toText,
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

/** The template's columns, and the office sheets' 存在问题 (raised as problems) and 备注 (kept in the item's note). */
type Key = LedgerColumnKey | 'problems' | 'remarks';

const requiredKeys: Key[] = ['seq', 'projectCode', 'unitName', 'content', 'deadline'];
const aliases: Partial<Record<Key, string[]>> = {
  content: ['工作内容', '事项内容', '工作任务'],
  measures: ['推进措施', '具体措施'],
  deadline: ['时限要求', '完成时间', '时间节点'],
  unitName: ['牵头单位'],
  evidenceNote: ['佐证说明'],
  progressNote: ['工作进展', '推进情况'],
};

const columns: ColumnSpec<LedgerColumnKey>[] = LEDGER_COLUMNS.map((c) => ({
  key: c.key,
  header: c.header,
  aliases: aliases[c.key],
  required: requiredKeys.includes(c.key),
}));

const headerOf = (k: Key) => LEDGER_COLUMNS.find((c) => c.key === k)?.header ?? officeLabels[k];

const officeLabels: Record<Key, string> = {
  seq: '序号',
  projectCode: '项目编号',
  projectName: '项目名称',
  unitName: '责任单位',
  content: '工作内容',
  measures: '工作措施',
  deadline: '完成时限',
  ownerName: '责任人',
  status: '状态',
  completedOn: '完成日期',
  evidenceNote: '佐证说明',
  progressNote: '进展情况',
  problems: '存在问题',
  remarks: '备注',
};

const officeSynonyms: Record<Key, string[]> = {
  seq: ['序号', '编号'],
  projectCode: ['项目编号', '项目代码'],
  projectName: ['项目名称', '项目'],
  unitName: ['责任单位', '牵头单位', '责任部门', '牵头部门', '承办单位'],
  content: ['工作内容', '具体内容', '事项内容', '工作任务', '重点任务', '目标任务'],
  measures: ['工作措施', '推进措施', '具体措施', '保障措施'],
  deadline: ['完成时限', '时间节点', '时限要求', '完成时间', '计划完成时间'],
  ownerName: ['责任人', '联系人'],
  status: ['状态', '完成状态'],
  completedOn: ['完成日期', '实际完成时间'],
  evidenceNote: ['佐证说明'],
  progressNote: ['进展情况', '工作进展', '推进情况', '完成情况'],
  problems: ['存在问题', '存在的问题', '问题及困难', '困难问题'],
  remarks: ['备注'],
};

const office: OfficeLayout<Key> = {
  fields: (Object.keys(officeLabels) as Key[]).map((key) => ({
    key,
    label: officeLabels[key],
    synonyms: officeSynonyms[key],
    required: key === 'unitName' || key === 'content' || key === 'deadline',
  })),
  requireOneOf: [['projectName', 'projectCode']],
};

export interface LedgerRowValues {
  row: number;
  projectId: number;
  seq: number;
  /** An office sheet's row: 序号 numbers projects, so the item is found by its content (keyOfficeRows). */
  byContent?: boolean;
  unitId: number;
  content: string;
  /** null for a recurring item (长期 / 持续推进). */
  deadline: string | null;
  recurring: boolean;
  /** undefined: the column is not in the sheet, leave the field alone. */
  measures?: string | null;
  ownerName?: string | null;
  status?: LedgerStatus;
  completedOn?: string | null;
  evidenceNote?: string | null;
  /** 进展情况; undefined also for a blank cell (the stored note stays). */
  progressNote?: string;
  /** 存在问题: raised in the problem list unless the project has it already. */
  problem?: { description: string; category: ProblemCategory };
}

interface ProjectRef {
  id: number;
  code: string;
  name: string;
  stage: string;
  regionCode: string;
}

export interface LedgerRefs {
  projectsByCode: Map<string, ProjectRef>;
  unitsByName: Map<string, number[]>;
  unitNames: Map<number, string>;
  /** An office sheet's lookups: every project and unit in reach, and the prefixes unit names carry. */
  office?: {
    projects: ProjectRef[];
    units: { id: number; name: string; shortName: string | null }[];
    districtPrefixes: string[];
  };
}

/** Projects named in the sheet (in the actor's region) and the units the actor may assign. */
async function loadRefs(db: Executor, actor: Actor, codes: string[]): Promise<LedgerRefs> {
  const [projectRows, unitRows] = await Promise.all([
    findProjectsByCode(db, actor.regionCode, codes),
    listVisibleUnits(db, actor.regionCode),
  ]);
  const unitsByName = new Map<string, number[]>();
  const add = (name: string | null, id: number) => {
    if (!name) return;
    const list = unitsByName.get(name) ?? [];
    if (!list.includes(id)) list.push(id);
    unitsByName.set(name, list);
  };
  for (const u of unitRows) add(u.name, u.id);
  // a short name only counts when no full name is the same text
  for (const u of unitRows) if (u.shortName && !unitRows.some((o) => o.name === u.shortName)) add(u.shortName, u.id);
  return {
    projectsByCode: new Map(projectRows.map((p) => [p.code, p])),
    unitsByName,
    unitNames: new Map(unitRows.map((u) => [u.id, u.name])),
  };
}

/** An office sheet names projects by name: all of the region's are candidates. */
async function loadOfficeRefs(db: Executor, actor: Actor): Promise<LedgerRefs> {
  const [projectRows, unitRows, regionNames] = await Promise.all([
    listProjectsInRegion(db, actor.regionCode),
    listVisibleUnits(db, actor.regionCode),
    listRegionNamesUp(db, actor.regionCode),
  ]);
  return {
    projectsByCode: new Map(projectRows.map((p) => [p.code, p])),
    unitsByName: new Map(),
    unitNames: new Map(unitRows.map((u) => [u.id, u.name])),
    // 召陵区发改委 and 区发改委 both name the district's unit
    office: { projects: projectRows, units: unitRows, districtPrefixes: [...regionNames, '区', '县'] },
  };
}

const namesOf = (ids: number[], nameOf: (id: number) => string | undefined) =>
  ids
    .map(nameOf)
    .filter((n): n is string => !!n)
    .join('、');

const cellText = (v: CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v));

/** The reading of a deadline without the original repeated in front of it ('3月底 → 2026-03-31（月底）'). */
const afterArrow = (reading: string) => reading.slice(reading.indexOf(' → ') + 3);

/** Checks one row of an office's own sheet: names matched, dates read as written, every reading listed. */
function validateOfficeRow(
  r: SheetRow<Key>,
  present: Set<Key>,
  refs: LedgerRefs,
  { asOf, counters, seen }: RowCheck,
  layout: SheetLayout<Key>,
): { values?: LedgerRowValues; errors: RowError[]; readings: Reading[] } {
  const lookups = refs.office!;
  const readings: Reading[] = [];
  const col = (k: Key) => layout.headers[k] ?? officeLabels[k];
  const { errors, take, need } = rowChecker<Key>(r.row, col);
  const cell = (k: Key) => r.cells[k] ?? null;
  const read = (k: Key, original: string, reading: string) => readings.push({ row: r.row, column: col(k), original, reading });
  const opt = <T>(k: Key, c: Converted<T>): T | undefined => (present.has(k) ? take(k, c) : undefined);

  // the project: by its code, else by its name (without 项目, punctuation, then its phase)
  const codeText = opt('projectCode', toText(cell('projectCode'), 32));
  const nameText = opt('projectName', toText(cell('projectName'), 200));
  const projectKey: Key = codeText ? 'projectCode' : 'projectName';
  const projectText = need(projectKey, codeText ?? nameText ?? null);
  let project: ProjectRef | undefined;
  if (projectText) {
    const projectName = (id: number) => lookups.projects.find((p) => p.id === id)?.name;
    const m: NameMatch<number> = matchProject(projectText, lookups.projects);
    if ('match' in m) {
      project = lookups.projects.find((p) => p.id === m.match)!;
      if (projectText !== project.name && projectText !== project.code)
        read(projectKey, projectText, `项目 ${project.code} ${project.name}`);
    } else if ('ambiguous' in m)
      errors.push({
        row: r.row,
        column: col(projectKey),
        code: 'ambiguous_project',
        params: { value: projectText, candidates: namesOf(m.ambiguous, projectName) },
      });
    else
      errors.push({
        row: r.row,
        column: col(projectKey),
        code: 'unknown_project_name',
        params: { value: projectText, closest: m.closest.map((c) => c.name).join('、') || '无' },
      });
  }

  const unitText = need('unitName', take('unitName', toText(cell('unitName'), 100)));
  let unitId: number | undefined;
  if (unitText) {
    const unitName = (id: number) => refs.unitNames.get(id);
    const m = matchUnit(unitText, lookups.units, lookups.districtPrefixes);
    if ('match' in m) {
      unitId = m.match;
      if (unitName(unitId) !== unitText) read('unitName', unitText, `单位 ${unitName(unitId)}`);
    } else if ('ambiguous' in m)
      errors.push({
        row: r.row,
        column: col('unitName'),
        code: 'ambiguous_unit',
        params: { value: unitText, candidates: namesOf(m.ambiguous, unitName) },
      });
    else
      errors.push({
        row: r.row,
        column: col('unitName'),
        code: 'unknown_unit_closest',
        params: { value: unitText, closest: m.closest.map((c) => c.name).join('、') || '无' },
      });
  }

  const content = need('content', take('content', toText(cell('content'), 1000)));
  const measures = opt('measures', toText(cell('measures'), 2000));

  // the deadline as written: 2026.3.31, 2026年3月底, 2026年8月, 年底前, 长期 …
  let deadline: string | null | undefined;
  const deadlineCell = cell('deadline');
  if (deadlineCell === null) errors.push({ row: r.row, column: col('deadline'), code: 'required' });
  else {
    const d = readDeadline(deadlineCell, asOf);
    const original = cellText(deadlineCell);
    if (d.kind === 'invalid')
      errors.push({
        row: r.row,
        column: col('deadline'),
        code: 'unreadable_deadline',
        params: { value: original, reason: d.reason },
      });
    else if (d.kind === 'date') {
      deadline = d.date;
      if (!(deadlineCell instanceof Date) && original !== d.date) read('deadline', original, afterArrow(d.reading));
    } else {
      // 长期 / 持续推进: a recurring item, no deadline, judged by its progress notes
      deadline = null;
      read('deadline', original, afterArrow(d.reading));
    }
  }

  const ownerName = opt('ownerName', toText(cell('ownerName'), 64));
  const statusIn = opt(
    'status',
    toChoice<LedgerStatus>(cell('status'), ledgerStatusLabels, { 进行中: 'in_progress', 完成: 'done', 未完成: 'not_started' }),
  );
  const completedIn = opt('completedOn', toDate(cell('completedOn')));
  let status: LedgerStatus | undefined;
  let completedOn: string | null | undefined;
  if (present.has('status')) {
    status = statusIn ?? 'not_started';
    if (statusIn !== undefined || cell('status') === null) {
      const c = completionFor(status, completedIn, asOf);
      if (!c.ok) errors.push({ row: r.row, column: col('completedOn'), code: c.refusal });
      else completedOn = c.completedOn;
    }
  }

  // 进展情况 is the latest progress note; 存在问题 a problem in the problem list; 备注 goes into the evidence note
  const progressNote = opt('progressNote', toText(cell('progressNote'), 2000)) ?? undefined;
  if (progressNote) read('progressNote', progressNote, '写入事项的最新进展情况');
  const evidence = opt('evidenceNote', toText(cell('evidenceNote'), 2000));
  const problemText = opt('problems', toText(cell('problems'), 1000));
  const remarks = opt('remarks', toText(cell('remarks'), 1000));
  let problem: LedgerRowValues['problem'];
  if (problemText && isNoProblem(problemText)) read('problems', problemText, '无问题，不提出');
  else if (problemText) {
    problem = { description: problemText, category: guessProblemCategory(problemText) };
    // a 存在问题 cell merged down over a project's items names one problem
    const key = `problem:${projectText ?? ''}:${problemKey(problemText)}`;
    const first = seen.get(key);
    if (first !== undefined) read('problems', problemText, `同第 ${first} 行的问题，不重复提出`);
    else {
      seen.set(key, r.row);
      read(
        'problems',
        problemText,
        `提入问题清单（单位上报，类别：${problemCategoryLabels[problem.category]['zh-CN']}）；项目已有同样的问题则不重复提出`,
      );
    }
  }
  if (remarks) read('remarks', remarks, '写入事项的佐证说明（备注：…）');
  const noteParts = [evidence, remarks && `备注：${remarks}`].filter((p): p is string => !!p);
  const anyNoteColumn = present.has('evidenceNote') || present.has('remarks');
  const evidenceNote = anyNoteColumn ? (noteParts.length ? noteParts.join('\n') : null) : undefined;
  if (evidenceNote && evidenceNote.length > 2000)
    errors.push({ row: r.row, column: col('evidenceNote'), code: 'too_long', params: { max: 2000 } });

  if (errors.length || !project || !unitId || !content || deadline === undefined) return { errors, readings };
  // 序号 numbers projects here: an item is its project's item with the same content, else a new one
  const nth = (counters.get(`p${project.id}`) ?? 0) + 1;
  counters.set(`p${project.id}`, nth);
  if (nth === 1) read('seq', cellText(cell('seq')), `${project.name} 的事项按内容对应已有事项，新的事项排在最后一个序号之后`);
  return {
    errors,
    readings,
    values: {
      row: r.row,
      projectId: project.id,
      seq: 0,
      byContent: true,
      unitId,
      content,
      deadline,
      recurring: deadline === null,
      measures,
      ownerName,
      status,
      completedOn,
      evidenceNote,
      progressNote,
      problem,
    },
  };
}

/** The template's 完成时限: a date, or 长期 / 持续推进 (what the export writes for a recurring item) as null. */
function templateDeadline(v: CellValue, asOf: string): Converted<string | null> {
  if (typeof v === 'string' && readDeadline(v, asOf).kind === 'recurring') return { ok: true, value: null };
  return toDate(v);
}

/** Checks one row; returns its values or every bad cell in it. */
function validateRow(
  r: SheetRow<Key>,
  present: Set<Key>,
  refs: LedgerRefs,
  check: RowCheck,
  layout: SheetLayout<Key>,
): { values?: LedgerRowValues; errors: RowError[]; readings?: Reading[] } {
  if (layout.office) return validateOfficeRow(r, present, refs, check, layout);
  const { asOf, seen } = check;
  const { errors, take, need } = rowChecker<Key>(r.row, headerOf);
  const cell = (k: Key) => r.cells[k] ?? null;

  const seq = need('seq', take('seq', toPositiveInt(cell('seq'))));
  const code = need('projectCode', take('projectCode', toText(cell('projectCode'), 32)));
  const projectName = take('projectName', toText(cell('projectName'), 200));
  const unitName = need('unitName', take('unitName', toText(cell('unitName'), 100)));
  const content = need('content', take('content', toText(cell('content'), 1000)));
  const deadlineCell = cell('deadline');
  const deadline = take('deadline', templateDeadline(deadlineCell, asOf));
  if (deadlineCell === null) need('deadline', null);
  const opt = <T>(k: Key, c: Converted<T>): T | undefined => (present.has(k) ? take(k, c) : undefined);
  const measures = opt('measures', toText(cell('measures'), 2000));
  const ownerName = opt('ownerName', toText(cell('ownerName'), 64));
  const evidenceNote = opt('evidenceNote', toText(cell('evidenceNote'), 2000));
  const progressNote = opt('progressNote', toText(cell('progressNote'), 2000)) ?? undefined;
  const statusIn = opt(
    'status',
    toChoice<LedgerStatus>(cell('status'), ledgerStatusLabels, { 进行中: 'in_progress', 完成: 'done', 未完成: 'not_started' }),
  );
  const completedIn = opt('completedOn', toDate(cell('completedOn')));

  let project: ProjectRef | undefined;
  if (code) {
    project = refs.projectsByCode.get(code);
    if (!project) errors.push({ row: r.row, column: headerOf('projectCode'), code: 'unknown_project', params: { value: code } });
    else if (projectName && projectName !== project.name)
      errors.push({
        row: r.row,
        column: headerOf('projectName'),
        code: 'project_name_mismatch',
        params: { expected: project.name },
      });
  }
  let unitId: number | undefined;
  if (unitName) {
    const ids = refs.unitsByName.get(unitName) ?? [];
    if (ids.length === 0)
      errors.push({ row: r.row, column: headerOf('unitName'), code: 'unknown_unit', params: { value: unitName } });
    else if (ids.length > 1)
      errors.push({ row: r.row, column: headerOf('unitName'), code: 'ambiguous_name', params: { value: unitName } });
    else unitId = ids[0];
  }
  let status: LedgerStatus | undefined;
  let completedOn: string | null | undefined;
  if (present.has('status')) {
    status = statusIn ?? 'not_started';
    if (statusIn !== undefined || cell('status') === null) {
      const c = completionFor(status, completedIn, asOf);
      if (!c.ok) errors.push({ row: r.row, column: headerOf('completedOn'), code: c.refusal });
      else completedOn = c.completedOn;
    }
  }
  if (project && seq !== undefined) {
    const key = `${project.id}:${seq}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ row: r.row, column: headerOf('seq'), code: 'duplicate_key', params: { row: first } });
    else seen.set(key, r.row);
  }
  if (errors.length || !project || !unitId || seq === undefined || !content || deadline === undefined) return { errors };
  return {
    errors,
    values: {
      row: r.row,
      projectId: project.id,
      seq,
      unitId,
      content,
      deadline,
      recurring: deadline === null,
      measures,
      ownerName,
      status,
      completedOn,
      evidenceNote,
      progressNote,
    },
  };
}

const comparable = [
  'unitId',
  'content',
  'deadline',
  'recurring',
  'measures',
  'ownerName',
  'status',
  'completedOn',
  'evidenceNote',
  'progressNote',
] as const satisfies readonly (keyof ledgerRepo.ImportedItemFields)[];

type ItemRow = ledgerRepo.LedgerItemRow;

/** Only the fields the row sets and that differ from the stored item. */
function changesOf(existing: ItemRow, v: LedgerRowValues): ledgerRepo.LedgerItemChanges {
  const out: Record<string, unknown> = {};
  for (const k of comparable) {
    const next = v[k];
    if (next === undefined) continue;
    if ((existing[k] ?? null) !== (next ?? null)) out[k] = next;
  }
  return out as ledgerRepo.LedgerItemChanges;
}

const pickFields = (i: ItemRow): ledgerRepo.ImportedItemFields => ({
  unitId: i.unitId,
  content: i.content,
  deadline: i.deadline,
  recurring: i.recurring,
  measures: i.measures,
  ownerName: i.ownerName,
  status: i.status,
  completedOn: i.completedOn,
  evidenceNote: i.evidenceNote,
  progressNote: i.progressNote,
  progressNoteAt: i.progressNoteAt,
});

const sameText = (s: string) => s.replace(/\s+/g, '');

/**
 * Gives an office sheet's rows their 序号: the stored item of the project with the same content
 * (so the same sheet again changes nothing and never overwrites another item), else the next
 * number after the project's last item. Rows of our template keep the 序号 they carry.
 */
function keyOfficeRows(rows: LedgerRowValues[], items: ItemRow[]): LedgerRowValues[] {
  if (!rows.some((v) => v.byContent)) return rows;
  const byContent = new Map(items.map((e) => [`${e.projectId}:${sameText(e.content)}`, e.seq]));
  const last = new Map<number, number>();
  for (const e of items) last.set(e.projectId, Math.max(last.get(e.projectId) ?? 0, e.seq));
  const taken = new Set<string>();
  return rows.map((v) => {
    if (!v.byContent) return v;
    const key = `${v.projectId}:${sameText(v.content)}`;
    const found = byContent.get(key);
    if (found !== undefined && !taken.has(key)) {
      taken.add(key);
      return { ...v, seq: found };
    }
    const seq = (last.get(v.projectId) ?? 0) + 1;
    last.set(v.projectId, seq);
    return { ...v, seq };
  });
}

/** The stored items of the rows' projects, by project id + 序号, and the rows with their keys. */
async function existingItems(
  db: Executor,
  input: LedgerRowValues[],
): Promise<{ existing: Map<string, ItemRow>; rows: LedgerRowValues[] }> {
  const items = await ledgerRepo.listItemsOfProjects(db, [...new Set(input.map((r) => r.projectId))]);
  return { existing: new Map(items.map((e) => [`${e.projectId}:${e.seq}`, e])), rows: keyOfficeRows(input, items) };
}

const problemKeyOf = (projectId: number, description: string) => `${projectId}:${problemKey(description)}`;

/**
 * The rows whose 存在问题 is new: not a problem their project has (in any status), and the first
 * row of the sheet naming it (a cell merged down over a project's items names it once).
 */
async function newProblems(db: Executor, rows: LedgerRowValues[]): Promise<Set<LedgerRowValues>> {
  const withProblem = rows.filter((v) => v.problem);
  if (!withProblem.length) return new Set();
  const stored = await problemsRepo.listProblemsOfProjects(db, [...new Set(withProblem.map((v) => v.projectId))]);
  const known = new Set(stored.map((p) => problemKeyOf(p.projectId, p.description)));
  const out = new Set<LedgerRowValues>();
  for (const v of withProblem) {
    const key = problemKeyOf(v.projectId, v.problem!.description);
    if (known.has(key)) continue;
    known.add(key);
    out.add(v);
  }
  return out;
}

/** What an import would do, without writing (dry run). A row raising a new problem changes its item's record. */
async function plan(db: Executor, input: LedgerRowValues[]): Promise<ImportCounts> {
  const { existing, rows } = await existingItems(db, input);
  const raising = await newProblems(db, rows);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const v of rows) {
    const e = existing.get(`${v.projectId}:${v.seq}`);
    if (!e) counts.created++;
    else if (Object.keys(changesOf(e, v)).length || raising.has(v)) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

/**
 * Writes the validated rows inside the caller's transaction, through the ledger's repository: new
 * keys inserted in batches, changed items updated under their version (an item changed by someone
 * else since it was read refuses the whole import), one audit row per item written.
 */
async function apply(
  tx: Tx,
  ctx: RequestContext,
  input: LedgerRowValues[],
  refs: LedgerRefs,
  { at, asOf, onProgress }: ApplyOptions,
): Promise<ImportCounts> {
  const projectsById = new Map([...refs.projectsByCode.values()].map((p) => [p.id, p]));
  const { existing, rows } = await existingItems(tx, input);
  const raising = await newProblems(tx, rows);
  const toCreate: LedgerRowValues[] = [];
  const toUpdate: { v: LedgerRowValues; before: ItemRow; changes: ledgerRepo.LedgerItemChanges }[] = [];
  let unchanged = 0;
  let raisedOnly = 0;
  for (const v of rows) {
    const e = existing.get(`${v.projectId}:${v.seq}`);
    if (!e) toCreate.push(v);
    else {
      const changes = changesOf(e, v);
      // a progress note read from the sheet is dated by the import
      if (changes.progressNote !== undefined) changes.progressNoteAt = at;
      if (Object.keys(changes).length) toUpdate.push({ v, before: e, changes });
      else if (raising.has(v)) raisedOnly++;
      else unchanged++;
    }
  }
  let processed = unchanged;
  onProgress(processed);
  const audit = (e: Omit<AuditEntry, 'entity'>): AuditEntry => ({ ...e, entity: 'ledger_item' });

  for (let i = 0; i < toCreate.length; i += 1000) {
    const values = toCreate.slice(i, i + 1000).map((v) => ({
      projectId: v.projectId,
      seq: v.seq,
      unitId: v.unitId,
      content: v.content,
      deadline: v.deadline,
      measures: v.measures ?? null,
      ownerName: v.ownerName ?? null,
      ownerUserId: null,
      status: v.status ?? ('not_started' as const),
      completedOn: v.completedOn ?? null,
      evidenceNote: v.evidenceNote ?? null,
      recurring: v.recurring,
      progressNote: v.progressNote ?? null,
      progressNoteAt: v.progressNote ? at : null,
      focus: stageFocus(projectsById.get(v.projectId)!.stage as Stage),
      createdBy: ctx.actor.id,
      version: 1,
      createdAt: at,
      updatedAt: at,
    }));
    // only the keys come back; the audit snapshot is the values written
    const keys = await ledgerRepo.insertLedgerItems(tx, values);
    const idOf = new Map(keys.map((k) => [`${k.projectId}:${k.seq}`, k.id]));
    await writeAudits(
      tx,
      ctx.audit,
      values.map((v) => {
        const p = projectsById.get(v.projectId);
        const id = idOf.get(`${v.projectId}:${v.seq}`)!;
        const after = ledgerRepo.ledgerItemSnapshot(
          {
            item: { ...v, id },
            projectCode: p?.code ?? '',
            projectName: p?.name ?? '',
            unitName: refs.unitNames.get(v.unitId) ?? null,
            attachmentCount: 0,
          },
          asOf,
        );
        return audit({ action: 'create', entityId: id, regionCode: p?.regionCode ?? null, after });
      }),
      at,
    );
    processed += values.length;
    onProgress(processed);
  }

  const updates: AuditEntry[] = [];
  // the audit snapshots show the items as the API does (names, evidence count)
  const records = toUpdate.length
    ? await ledgerRepo.findLedgerItems(
        tx,
        toUpdate.map((u) => u.before.id),
      )
    : new Map();
  for (let i = 0; i < toUpdate.length; i += 1000) {
    const chunk = toUpdate.slice(i, i + 1000);
    const written = await ledgerRepo.updateLedgerItemsFields(
      tx,
      chunk.map((u) => ({ id: u.before.id, version: u.before.version, fields: { ...pickFields(u.before), ...u.changes } })),
      at,
    );
    const stale = chunk.find((u) => !written.has(u.before.id));
    if (stale) throw new ImportRowConflict({ row: stale.v.row, column: headerOf('seq'), code: 'changed_meanwhile' });
    for (const u of chunk) {
      const after: ItemRow = { ...u.before, ...u.changes, version: u.before.version + 1, updatedAt: at };
      const record = records.get(u.before.id)!;
      updates.push(
        audit({
          action: 'update',
          entityId: u.before.id,
          regionCode: record.project.regionCode,
          before: ledgerRepo.ledgerItemSnapshot({ ...record, item: u.before }, asOf),
          after: ledgerRepo.ledgerItemSnapshot(
            { ...record, item: after, unitName: refs.unitNames.get(after.unitId) ?? record.unitName },
            asOf,
          ),
        }),
      );
    }
    processed += chunk.length;
    onProgress(processed);
  }
  await writeAudits(tx, ctx.audit, updates, at);

  // 存在问题 → the problem list, per region (each audited), in this same transaction
  const byRegion = new Map<string, RaisedProblem[]>();
  for (const v of raising) {
    const regionCode = projectsById.get(v.projectId)?.regionCode ?? ctx.actor.regionCode;
    const list = byRegion.get(regionCode) ?? [];
    list.push({
      projectId: v.projectId,
      category: v.problem!.category,
      source: 'unit_report',
      description: v.problem!.description,
      raisedInMeetingId: null,
      raisedInSiteCheckId: null,
      unitId: v.unitId,
      leaderId: null,
      deadline: null,
    });
    byRegion.set(regionCode, list);
  }
  for (const [regionCode, raised] of byRegion) await raiseProblems(tx, { ...ctx, now: at }, regionCode, raised);
  processed += raisedOnly;
  onProgress(processed);
  return { created: toCreate.length, updated: toUpdate.length + raisedOnly, unchanged };
}

export const ledgerImporter: Importer<Key, LedgerRowValues, LedgerRefs> = {
  kind: 'ledger_items',
  path: 'ledger-items',
  summary:
    '导入台账 Import ledger items (xlsx in the export layout, keyed by 项目编号 + 序号; or an office’s own sheet, read by its headers ' +
    'with the readings in the job; all or nothing; dryRun=true only validates)',
  columns,
  office,
  template: { filename: '台账导入模板.xlsx', build: ledgerTemplate },
  loadRefs: (ctx, sheetRows, layout) =>
    layout.office ? loadOfficeRefs(ctx.db, ctx.actor) : loadRefs(ctx.db, ctx.actor, distinctTexts(sheetRows, 'projectCode')),
  validateRow,
  plan,
  apply,
};

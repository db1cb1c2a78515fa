/**
 * Importing ledger items from the office sheet. A row is keyed by 项目编号 + 序号: a new key creates
 * an item, a known key updates it only where a value differs, so the same file twice changes nothing.
 * Optional columns missing from the sheet leave their fields alone.
 */
import { inArray, sql } from 'drizzle-orm';
import { ledgerStatusLabels, type LedgerStatus, type Stage } from '@kpc/contracts';
import { completionFor, stageFocus, type StageFocus } from '@kpc/domain';
import type { Executor, Tx } from '../../db/client.js';
import { ledgerItems, projects, units } from '../../db/schema/index.js';
import { inSubtree, selfAndAncestors } from '../../lib/query.js';
import type { Actor } from '../../lib/policy.js';
import { LEDGER_COLUMNS, type LedgerColumnKey } from '../../reports/ledger-xlsx.js';
import { insertAudits, type AuditRow } from './imports.repository.js';
import {
  toChoice,
  toDate,
  toPositiveInt,
  toText,
  type ColumnSpec,
  type Converted,
  type RowError,
  type SheetRow,
} from './imports.sheet.js';

type Key = LedgerColumnKey;

const requiredKeys: Key[] = ['seq', 'projectCode', 'unitName', 'content', 'deadline'];
const aliases: Partial<Record<Key, string[]>> = {
  content: ['工作内容', '事项内容', '工作任务'],
  measures: ['推进措施', '具体措施'],
  deadline: ['时限要求', '完成时间', '时间节点'],
  unitName: ['牵头单位'],
  evidenceNote: ['佐证说明', '进展情况'],
};

export const ledgerImportColumns: ColumnSpec<Key>[] = LEDGER_COLUMNS.map((c) => ({
  key: c.key,
  header: c.header,
  aliases: aliases[c.key],
  required: requiredKeys.includes(c.key),
}));

const headerOf = (k: Key) => LEDGER_COLUMNS.find((c) => c.key === k)!.header;

export interface LedgerRowValues {
  row: number;
  projectId: number;
  seq: number;
  unitId: number;
  content: string;
  deadline: string;
  /** undefined: the column is not in the sheet, leave the field alone. */
  measures?: string | null;
  ownerName?: string | null;
  status?: LedgerStatus;
  completedOn?: string | null;
  evidenceNote?: string | null;
}

interface ProjectRef {
  id: number;
  name: string;
  stage: string;
  regionCode: string;
}

export interface LedgerRefs {
  projectsByCode: Map<string, ProjectRef>;
  unitsByName: Map<string, number[]>;
}

/** Projects named in the sheet (in the actor's region) and the units the actor may assign. */
export async function loadLedgerRefs(db: Executor, actor: Actor, codes: string[]): Promise<LedgerRefs> {
  const projectRows = codes.length
    ? await db
        .select({
          id: projects.id,
          code: projects.code,
          name: projects.name,
          stage: projects.stage,
          regionCode: projects.regionCode,
        })
        .from(projects)
        .where(sql`${inArray(projects.code, codes)} and ${inSubtree(projects.regionCode, actor.regionCode)}`)
    : [];
  const unitRows = await db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(
      sql`(${inSubtree(units.regionCode, actor.regionCode)} or ${inArray(units.regionCode, selfAndAncestors(actor.regionCode))})`,
    );
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
  return { projectsByCode: new Map(projectRows.map((p) => [p.code, p])), unitsByName };
}

/** Checks one row; returns its values or every bad cell in it. */
export function validateLedgerRow(
  r: SheetRow<Key>,
  present: Set<Key>,
  refs: LedgerRefs,
  asOf: string,
  seen: Map<string, number>,
): { values?: LedgerRowValues; errors: RowError[] } {
  const errors: RowError[] = [];
  const take = <T>(k: Key, c: Converted<T>): T | undefined => {
    if (c.ok) return c.value;
    errors.push({ row: r.row, column: headerOf(k), code: c.code, params: c.params });
    return undefined;
  };
  const need = <T>(k: Key, v: T | null | undefined): T | undefined => {
    if (v === null) errors.push({ row: r.row, column: headerOf(k), code: 'required' });
    return v ?? undefined;
  };
  const cell = (k: Key) => r.cells[k] ?? null;

  const seq = need('seq', take('seq', toPositiveInt(cell('seq'))));
  const code = need('projectCode', take('projectCode', toText(cell('projectCode'), 32)));
  const projectName = take('projectName', toText(cell('projectName'), 200));
  const unitName = need('unitName', take('unitName', toText(cell('unitName'), 100)));
  const content = need('content', take('content', toText(cell('content'), 1000)));
  const deadline = need('deadline', take('deadline', toDate(cell('deadline'))));
  const opt = <T>(k: Key, c: Converted<T>): T | undefined => (present.has(k) ? take(k, c) : undefined);
  const measures = opt('measures', toText(cell('measures'), 2000));
  const ownerName = opt('ownerName', toText(cell('ownerName'), 64));
  const evidenceNote = opt('evidenceNote', toText(cell('evidenceNote'), 2000));
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
  if (errors.length || !project || !unitId || seq === undefined || !content || !deadline) return { errors };
  return {
    errors,
    values: {
      row: r.row,
      projectId: project.id,
      seq,
      unitId,
      content,
      deadline,
      measures,
      ownerName,
      status,
      completedOn,
      evidenceNote,
    },
  };
}

const comparable = ['unitId', 'content', 'deadline', 'measures', 'ownerName', 'status', 'completedOn', 'evidenceNote'] as const;

type ItemRow = typeof ledgerItems.$inferSelect;

/** Only the fields the row sets and that differ from the stored item. */
function changesOf(existing: ItemRow, v: LedgerRowValues): Partial<ItemRow> {
  const out: Record<string, unknown> = {};
  for (const k of comparable) {
    const next = v[k];
    if (next === undefined) continue;
    if ((existing[k] ?? null) !== (next ?? null)) out[k] = next;
  }
  return out as Partial<ItemRow>;
}

export interface ApplyContext {
  actor: Actor;
  ip: string | null;
  now: Date;
  asOf: string;
  onProgress: (processed: number) => void;
}

/** The audit snapshot of an item. */
const present = (r: ItemRow, p: ProjectRef | undefined) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  projectName: p?.name ?? null,
});

/** Writes the validated rows inside the caller's transaction. */
export async function applyLedgerRows(
  tx: Tx,
  rows: LedgerRowValues[],
  refs: LedgerRefs,
  ctx: ApplyContext,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const projectsById = new Map([...refs.projectsByCode.values()].map((p) => [p.id, p]));
  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const existing = new Map<string, ItemRow>();
  for (let i = 0; i < projectIds.length; i += 1000) {
    const chunk = projectIds.slice(i, i + 1000);
    for (const e of await tx.select().from(ledgerItems).where(inArray(ledgerItems.projectId, chunk)))
      existing.set(`${e.projectId}:${e.seq}`, e);
  }
  const toCreate: LedgerRowValues[] = [];
  const toUpdate: { before: ItemRow; changes: Partial<ItemRow> }[] = [];
  let unchanged = 0;
  for (const v of rows) {
    const e = existing.get(`${v.projectId}:${v.seq}`);
    if (!e) toCreate.push(v);
    else {
      const changes = changesOf(e, v);
      if (Object.keys(changes).length) toUpdate.push({ before: e, changes });
      else unchanged++;
    }
  }
  let processed = unchanged;
  ctx.onProgress(processed);
  const audit = (a: Omit<AuditRow, 'at' | 'userId' | 'username' | 'ip' | 'entity'>): AuditRow => ({
    ...a,
    entity: 'ledger_item',
    at: ctx.now,
    userId: ctx.actor.id,
    username: ctx.actor.username,
    ip: ctx.ip,
  });

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
      focus: stageFocus(projectsById.get(v.projectId)!.stage as Stage) as StageFocus,
      createdBy: ctx.actor.id,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }));
    // only the keys come back; the audit snapshot is the values written
    const ids = await tx
      .insert(ledgerItems)
      .values(values)
      .returning({ id: ledgerItems.id, projectId: ledgerItems.projectId, seq: ledgerItems.seq });
    const idOf = new Map(ids.map((r) => [`${r.projectId}:${r.seq}`, r.id]));
    await insertAudits(
      tx,
      values.map((v) => {
        const p = projectsById.get(v.projectId);
        const id = idOf.get(`${v.projectId}:${v.seq}`)!;
        return audit({
          action: 'create',
          entityId: String(id),
          regionCode: p?.regionCode ?? null,
          before: null,
          after: present({ ...v, id }, p),
        });
      }),
    );
    processed += values.length;
    ctx.onProgress(processed);
  }

  const updatedAudits: AuditRow[] = [];
  for (const u of toUpdate) {
    const [after] = await tx
      .update(ledgerItems)
      .set({ ...u.changes, updatedAt: ctx.now, version: sql`${ledgerItems.version} + 1` })
      .where(sql`${ledgerItems.id} = ${u.before.id}`)
      .returning();
    const p = projectsById.get(u.before.projectId);
    updatedAudits.push(
      audit({
        action: 'update',
        entityId: String(u.before.id),
        regionCode: p?.regionCode ?? null,
        before: present(u.before, p),
        after: present(after!, p),
      }),
    );
    processed++;
    if (processed % 200 === 0) ctx.onProgress(processed);
  }
  await insertAudits(tx, updatedAudits);
  ctx.onProgress(processed);
  return { created: toCreate.length, updated: toUpdate.length, unchanged };
}

/** What an import would do, without writing (dry run). */
export async function planLedgerRows(db: Executor, rows: LedgerRowValues[]) {
  const projectIds = [...new Set(rows.map((r) => r.projectId))];
  const existing = new Map<string, ItemRow>();
  for (let i = 0; i < projectIds.length; i += 1000)
    for (const e of await db
      .select()
      .from(ledgerItems)
      .where(inArray(ledgerItems.projectId, projectIds.slice(i, i + 1000))))
      existing.set(`${e.projectId}:${e.seq}`, e);
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const v of rows) {
    const e = existing.get(`${v.projectId}:${v.seq}`);
    if (!e) created++;
    else if (Object.keys(changesOf(e, v)).length) updated++;
    else unchanged++;
  }
  return { created, updated, unchanged };
}

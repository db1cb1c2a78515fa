/**
 * Supervision items 督办事项 (issue 11): the four links through the API — the bureau enters higher-level
 * feedback, the responsible unit reports progress and submits, the bureau sends back then accepts, a
 * bulletin moves it on; a meeting decision becomes an item in the meeting's transaction and goes to
 * checking when marked done; 列入督办 on a ledger item and an instruction, once per record; scope
 * (unit, leader, bureau, other region → 404, forbidden role → 403), versions (409), audit rows, and
 * overdue items in the project's colour.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionItemDetail, SupervisionItemPage } from '@kpc/contracts';
import { bulletinSupervisionItems } from '../src/commands/bulletin-supervision-items.js';
import { instructions, ledgerItems, supervisionItems } from '../src/db/schema/index.js';
import { systemContext } from '../src/lib/request-context.js';
import { supervisionItemColours } from '../src/modules/supervision/supervision-items.service.js';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';
import { multipart } from './xlsx.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let supervisor: Client;
let office: Client;
let unitUser: Client;
let otherUnitUser: Client;
let leader: Client;
let otherLeader: Client;
let enterprise: Client;
let otherRegion: Client;
let unitId: number;
let otherUnitId: number;
let projectId: number;
let leaderId: number;

// TEST_NOW is 2026-07-16 in Asia/Shanghai
const feedback = (o: object = {}) => ({
  source: 'higher_feedback',
  issuedBy: '市委督查室',
  title: '加快推进项目施工用电接入',
  content: '市督导组反馈：项目施工用电尚未接入，请责任单位限期协调解决。',
  unitId,
  projectId,
  ownerName: '刘洋',
  deadline: '2026-07-30',
  ...o,
});

async function ok<T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const step = (c: Client, item: { id: number; version: number }, action: string, note?: string) =>
  c.post(`/api/v1/supervision/items/${item.id}/steps`, { action, version: item.version, ...(note ? { note } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  unitId = (await createUnit(t.database)).id;
  otherUnitId = (await createUnit(t.database)).id;
  leaderId = (await createLeader(t.database)).id;
  projectId = (await createProject(t.database, { leadUnitId: unitId, leaderId })).id;
  supervisor = await login(t.app, 'supervisor');
  office = await login(t.app, 'office');
  const as = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  unitUser = await as({ roles: ['unit'], unitId });
  otherUnitUser = await as({ roles: ['unit'], unitId: otherUnitId });
  leader = await as({ roles: ['leader'], leaderId });
  otherLeader = await as({ roles: ['leader'], leaderId: (await createLeader(t.database)).id });
  enterprise = await login(t.app, 'enterprise1');
  otherRegion = await as({ roles: ['supervisor'], regionCode: '411102' });
});
afterAll(async () => t?.close());

describe('higher-level feedback through the four links', () => {
  let item: SupervisionItemDetail;

  it('lets the bureau enter it: coordinating, assigned, audited', async () => {
    const audits = await countRows(t.database, 'audit_log');
    item = await ok(supervisor.post('/api/v1/supervision/items', feedback()), 201);
    expect(item).toMatchObject({
      source: 'higher_feedback',
      sourceId: null,
      issuedBy: '市委督查室',
      link: 'coordinating',
      unitId,
      projectId,
      ownerName: '刘洋',
      deadline: '2026-07-30',
      rag: 'green',
      reasons: [],
      actions: ['assign', 'note'],
    });
    expect(item.events).toMatchObject([{ kind: 'assigned', fromLink: null, toLink: 'coordinating', by: '督查局 王磊' }]);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('tells the responsible unit of the assignment, the bureau of a submission, the unit of a return and an acceptance', async () => {
    const inbox = async (c: Client) =>
      ((await c.get('/api/v1/notifications')).json() as { items: { title: string; link: string | null }[] }).items.filter(
        (n) => n.link === `/supervision/items?item=${item.id}`,
      );
    expect((await inbox(unitUser)).map((n) => n.title)).toEqual([`【新督办事项】${item.title}`]);
    expect(await inbox(otherUnitUser)).toEqual([]);
    expect(await inbox(supervisor)).toEqual([]);
  });

  it('refuses the office, a unit and an enterprise (403), and bad input with a zh-CN message, writing nothing', async () => {
    const before = await countRows(t.database, 'supervision_items');
    for (const c of [office, unitUser, enterprise])
      expect((await c.post('/api/v1/supervision/items', feedback())).statusCode).toBe(403);
    const past = await supervisor.post('/api/v1/supervision/items', feedback({ deadline: '2026-07-15' }));
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: { details: [{ field: 'deadline' }] } });
    const blank = await supervisor.post('/api/v1/supervision/items', feedback({ title: ' ' }));
    expect(blank.statusCode).toBe(400);
    const badUnit = await supervisor.post('/api/v1/supervision/items', feedback({ unitId: 999_999 }));
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.body).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countRows(t.database, 'supervision_items')).toBe(before);
  });

  it('lets the responsible unit report progress (tracking) and submit (checking)', async () => {
    expect(item.actions).not.toContain('progress');
    const mine = await ok<SupervisionItemDetail>(unitUser.get(`/api/v1/supervision/items/${item.id}`));
    expect(mine.actions).toEqual(['progress', 'submit', 'note']);
    item = await ok(step(unitUser, item, 'progress', '已与供电公司对接，临时用电方案已报审'));
    expect(item.link).toBe('tracking');
    item = await ok(step(unitUser, item, 'submit', '施工用电已于7月20日接通'));
    expect(item.link).toBe('checking');
    expect(item.events.map((e) => e.kind)).toEqual(['assigned', 'progress', 'submitted']);
  });

  it('refuses a step out of its link (409), a step the role never takes (403), a stale version (409)', async () => {
    const events = await countRows(t.database, 'supervision_item_events');
    expect((await step(unitUser, item, 'progress', '再报一次')).statusCode).toBe(409);
    expect((await step(unitUser, item, 'accept')).statusCode).toBe(403);
    expect((await step(office, item, 'return', '不行')).statusCode).toBe(403);
    const stale = await step(supervisor, { id: item.id, version: item.version - 1 }, 'accept');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', details: { current: { version: item.version } } } });
    expect((await step(supervisor, item, 'return')).statusCode).toBe(400); // a return needs its reason
    expect(await countRows(t.database, 'supervision_item_events')).toBe(events);
  });

  it('lets the bureau send it back with a reason (tracking, yellow) and then accept it (green)', async () => {
    item = await ok(step(supervisor, item, 'return', '缺少供电公司接电确认单，请补充佐证材料'));
    expect(item).toMatchObject({ link: 'tracking', returnCount: 1, rag: 'yellow' });
    expect(item.reasons).toMatchObject([{ rule: 'item_returned', value: 1 }]);
    expect(item.events.at(-1)).toMatchObject({
      kind: 'returned',
      fromLink: 'checking',
      toLink: 'tracking',
      note: '缺少供电公司接电确认单，请补充佐证材料',
    });
    item = await ok(step(unitUser, item, 'submit', '已补充接电确认单'));
    const audits = await countRows(t.database, 'audit_log');
    item = await ok(step(supervisor, item, 'accept', '经核实已接通'));
    const titles = async (c: Client) =>
      ((await c.get('/api/v1/notifications')).json() as { items: { title: string; link: string | null }[] }).items
        .filter((n) => n.link === `/supervision/items?item=${item.id}`)
        .map((n) => n.title.replace(/】.*/, '】'));
    expect((await titles(unitUser)).sort()).toEqual(['【新督办事项】', '【督办事项已通过核验】', '【督办事项被退回】'].sort());
    // the bureau heard of both submissions
    expect(await titles(supervisor)).toEqual(['【督办事项待核验】', '【督办事项待核验】']);
    expect(item).toMatchObject({ link: 'checking', rag: 'green', acceptedBy: '督查局 王磊' });
    expect(item.acceptedAt).not.toBeNull();
    expect(item.actions).toEqual(['note']);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('is bulletined by the bulletin command once accepted; an item not accepted is skipped', async () => {
    const open = await ok<SupervisionItemDetail>(
      supervisor.post('/api/v1/supervision/items', feedback({ title: '未验收事项' })),
      201,
    );
    const ctx = systemContext(t.database.db, t.clock, 'monthly-supervision');
    const result = await t.database.db.transaction((tx) =>
      bulletinSupervisionItems(tx, ctx, [item.id, open.id], { id: 1, title: '2026年7月督查通报' }),
    );
    expect(result).toEqual({ bulletined: [item.id], skipped: [open.id] });
    const after = await ok<SupervisionItemDetail>(supervisor.get(`/api/v1/supervision/items/${item.id}`));
    expect(after.link).toBe('bulletined');
    expect(after.events.at(-1)).toMatchObject({
      kind: 'bulletined',
      by: 'system:monthly-supervision',
      note: '2026年7月督查通报',
    });
  });
});

describe('scope', () => {
  let id: number;
  beforeAll(async () => {
    id = (await ok<SupervisionItemDetail>(supervisor.post('/api/v1/supervision/items', feedback({ title: '范围测试' })), 201)).id;
  });
  const listed = async (c: Client) =>
    (await ok<SupervisionItemPage>(c.get('/api/v1/supervision/items'))).items.map((i) => i.id).includes(id);

  it('shows an item to its unit, the leader of its project, the bureau, the office and the viewer', async () => {
    for (const c of [unitUser, leader, supervisor, office, await login(t.app, 'viewer')]) {
      expect(await listed(c)).toBe(true);
      expect((await c.get(`/api/v1/supervision/items/${id}`)).statusCode).toBe(200);
    }
  });

  it('hides it from another unit, another leader and another region (404, absent from lists)', async () => {
    for (const c of [otherUnitUser, otherLeader, otherRegion]) {
      expect(await listed(c)).toBe(false);
      expect((await c.get(`/api/v1/supervision/items/${id}`)).statusCode).toBe(404);
      expect((await c.post(`/api/v1/supervision/items/${id}/steps`, { action: 'note', version: 1, note: 'x' })).statusCode).toBe(
        404,
      );
    }
  });

  it('refuses an enterprise the list and the item (403)', async () => {
    expect((await enterprise.get('/api/v1/supervision/items')).statusCode).toBe(403);
    expect((await enterprise.get(`/api/v1/supervision/items/${id}`)).statusCode).toBe(403);
  });

  it('filters by link, unit, project, source and overdue, with counts per link', async () => {
    const page = await ok<SupervisionItemPage>(
      supervisor.get(`/api/v1/supervision/items?unitId=${unitId}&source=higher_feedback&link=coordinating`),
    );
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.unitId === unitId && i.link === 'coordinating' && i.source === 'higher_feedback')).toBe(
      true,
    );
    expect(page.total).toBe(page.counts.coordinating);
    expect(page.counts.bulletined).toBeGreaterThanOrEqual(1);
    const byProject = await ok<SupervisionItemPage>(supervisor.get(`/api/v1/supervision/items?projectId=${projectId}`));
    expect(byProject.items.every((i) => i.projectId === projectId)).toBe(true);
    expect((await supervisor.get('/api/v1/supervision/items?link=nowhere')).statusCode).toBe(400);
  });
});

describe('evidence', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const upload = (c: Client, id: number) =>
    c.request({
      method: 'POST',
      url: `/api/v1/supervision/items/${id}/attachments`,
      ...multipart('接电确认单.png', PNG, 'image/png'),
    });

  it('takes files from the responsible unit while it works on the item; others may not, outsiders see 404', async () => {
    const item = await ok<SupervisionItemDetail>(supervisor.post('/api/v1/supervision/items', feedback({ title: '佐证' })), 201);
    const res = await upload(unitUser, item.id);
    expect(res.statusCode, res.body).toBe(201);
    expect((await ok<unknown[]>(leader.get(`/api/v1/supervision/items/${item.id}/attachments`))).length).toBe(1);
    expect((await upload(office, item.id)).statusCode).toBe(403);
    expect((await upload(otherUnitUser, item.id)).statusCode).toBe(404);
    expect((await otherRegion.get(`/api/v1/supervision/items/${item.id}/attachments`)).statusCode).toBe(404);
  });
});

describe('reassignment', () => {
  it('lets the bureau change unit, owner and deadline at its version, noted in the timeline; stale → 409', async () => {
    const item = await ok<SupervisionItemDetail>(supervisor.post('/api/v1/supervision/items', feedback({ title: '改派' })), 201);
    const moved = await ok<SupervisionItemDetail>(
      supervisor.patch(`/api/v1/supervision/items/${item.id}`, {
        version: item.version,
        unitId: otherUnitId,
        deadline: '2026-08-15',
      }),
    );
    expect(moved).toMatchObject({ unitId: otherUnitId, deadline: '2026-08-15', version: item.version + 1 });
    expect(moved.events.at(-1)!.note).toContain('2026-07-30 → 2026-08-15');
    expect(
      (await supervisor.patch(`/api/v1/supervision/items/${item.id}`, { version: item.version, ownerName: '张三' })).statusCode,
    ).toBe(409);
    expect((await unitUser.patch(`/api/v1/supervision/items/${item.id}`, { version: moved.version })).statusCode).toBe(404);
    expect((await otherUnitUser.patch(`/api/v1/supervision/items/${item.id}`, { version: moved.version })).statusCode).toBe(403);
  });
});

describe('sources', () => {
  it('makes an item of every decision a meeting records, and moves it to checking when the decision is done', async () => {
    const meeting = await ok<{ id: number }>(
      office.post('/api/v1/meetings', {
        kind: 'review',
        title: '重点项目观摩点评会',
        date: '2026-07-16',
        time: '15:00',
        agenda: [],
      }),
      201,
    );
    const decision = await ok<{ id: number; version: number }>(
      office.post(`/api/v1/meetings/${meeting.id}/decisions`, {
        content: '区自然资源局7月25日前完成项目用地组卷报批',
        projectId,
        unitId,
        ownerName: '陈晨',
        deadline: '2026-07-25',
      }),
      201,
    );
    const [item] = (
      await ok<SupervisionItemPage>(supervisor.get(`/api/v1/supervision/items?source=decision&sourceId=${decision.id}`))
    ).items;
    expect(item).toMatchObject({
      source: 'decision',
      sourceId: decision.id,
      unitId,
      projectId,
      ownerName: '陈晨',
      deadline: '2026-07-25',
      link: 'coordinating',
    });
    expect(item!.content).toContain('重点项目观摩点评会议定');
    // the office corrects the decision: the item follows, noted in its timeline
    const corrected = await ok<{ version: number }>(
      office.patch(`/api/v1/decisions/${decision.id}`, { version: decision.version, deadline: '2026-07-28' }),
    );
    decision.version = corrected.version;
    const followed = await ok<SupervisionItemDetail>(supervisor.get(`/api/v1/supervision/items/${item!.id}`));
    expect(followed.deadline).toBe('2026-07-28');
    expect(followed.events.at(-1)).toMatchObject({ kind: 'reassigned' });
    expect(followed.events.at(-1)!.note).toContain('2026-07-25 → 2026-07-28');
    // 列入督办 again: no second item
    expect((await supervisor.post('/api/v1/supervision/items', { source: 'decision', sourceId: decision.id })).statusCode).toBe(
      409,
    );

    await ok(
      unitUser.post(`/api/v1/decisions/${decision.id}/done`, {
        version: decision.version,
        doneOn: '2026-07-16',
        note: '已组卷上报',
      }),
    );
    const after = await ok<SupervisionItemDetail>(supervisor.get(`/api/v1/supervision/items/${item!.id}`));
    expect(after.link).toBe('checking');
    expect(after.events.at(-1)).toMatchObject({ kind: 'submitted', fromLink: 'coordinating', toLink: 'checking' });
    expect(after.events.at(-1)!.note).toContain('已组卷上报');
    expect(after.actions).toEqual(['accept', 'return', 'note']);
  });

  it('deletes the item of a decision deleted as a mistake', async () => {
    const meeting = await ok<{ id: number }>(
      office.post('/api/v1/meetings', { kind: 'review', title: '误录会议', date: '2026-07-16', time: '16:00', agenda: [] }),
      201,
    );
    const d = await ok<{ id: number; version: number }>(
      office.post(`/api/v1/meetings/${meeting.id}/decisions`, { content: '误录', unitId, deadline: '2026-07-25' }),
      201,
    );
    expect((await t.database.db.select().from(supervisionItems).where(eq(supervisionItems.sourceId, d.id))).length).toBe(1);
    const del = await office.delete(`/api/v1/decisions/${d.id}?version=${d.version}`);
    expect(del.statusCode, del.body).toBeLessThan(300);
    const left = await t.database.db.select().from(supervisionItems).where(eq(supervisionItems.sourceId, d.id));
    expect(left.filter((i) => i.source === 'decision')).toEqual([]);
  });

  it('puts a ledger item under supervision (列入督办) once, with its text, unit and deadline', async () => {
    const [li] = await t.database.db
      .insert(ledgerItems)
      .values({ projectId, seq: 901, unitId, content: '完成环评批复', deadline: '2026-07-20', focus: 'landing' })
      .returning();
    const item = await ok<SupervisionItemDetail>(
      supervisor.post('/api/v1/supervision/items', { source: 'ledger_item', sourceId: li!.id }),
      201,
    );
    expect(item).toMatchObject({
      source: 'ledger_item',
      sourceId: li!.id,
      title: '完成环评批复',
      unitId,
      projectId,
      deadline: '2026-07-20',
    });
    expect((await supervisor.post('/api/v1/supervision/items', { source: 'ledger_item', sourceId: li!.id })).statusCode).toBe(
      409,
    );
    expect((await office.post('/api/v1/supervision/items', { source: 'ledger_item', sourceId: li!.id })).statusCode).toBe(403);
    expect((await otherRegion.post('/api/v1/supervision/items', { source: 'ledger_item', sourceId: li!.id })).statusCode).toBe(
      404,
    );
    // a recurring item has no deadline: one must be given
    const [rec] = await t.database.db
      .insert(ledgerItems)
      .values({ projectId, seq: 902, unitId, content: '常态化安全巡查', recurring: true, deadline: null, focus: 'progress' })
      .returning();
    expect((await supervisor.post('/api/v1/supervision/items', { source: 'ledger_item', sourceId: rec!.id })).statusCode).toBe(
      400,
    );
    expect(
      (await supervisor.post('/api/v1/supervision/items', { source: 'ledger_item', sourceId: rec!.id, deadline: '2026-08-01' }))
        .statusCode,
    ).toBe(201);
  });

  it('puts a leader instruction under supervision once', async () => {
    const [ins] = await t.database.db
      .insert(instructions)
      .values({
        projectId,
        regionCode: '411104',
        subjectType: 'project',
        subjectId: projectId,
        leaderId,
        text: '请工信局牵头，本周内协调解决设备进场问题',
        unitId,
        replyDeadline: '2026-07-22',
        issuedAt: new Date('2026-07-15T02:00:00Z'),
      })
      .returning();
    const item = await ok<SupervisionItemDetail>(
      supervisor.post('/api/v1/supervision/items', { source: 'leader_instruction', sourceId: ins!.id }),
      201,
    );
    expect(item).toMatchObject({ source: 'leader_instruction', unitId, deadline: '2026-07-22' });
    expect(
      (await supervisor.post('/api/v1/supervision/items', { source: 'leader_instruction', sourceId: ins!.id })).statusCode,
    ).toBe(409);
    expect(
      (await supervisor.post('/api/v1/supervision/items', { source: 'leader_instruction', sourceId: 999_999 })).statusCode,
    ).toBe(404);
  });
});

describe('colours', () => {
  it('counts an overdue item in its project colour (supervision_overdue) until accepted', async () => {
    const p = (await createProject(t.database, { leadUnitId: unitId })).id;
    const item = await ok<SupervisionItemDetail>(
      supervisor.post('/api/v1/supervision/items', feedback({ projectId: p, title: '逾期督办', deadline: '2026-07-17' })),
      201,
    );
    const rag = async () =>
      (await supervisor.get(`/api/v1/projects/${p}/rag`)).json() as { rag: string; reasons: { rule: string }[] };
    expect((await rag()).reasons.map((r) => r.rule)).not.toContain('supervision_overdue');
    // three days late (a deadline the bureau sets cannot be in the past: moved in the table)
    await t.database.db.update(supervisionItems).set({ deadline: '2026-07-13' }).where(eq(supervisionItems.id, item.id));
    const late = await rag();
    expect(late.rag).toBe('yellow');
    expect(late.reasons).toMatchObject([
      { rule: 'supervision_overdue', value: 1, records: [{ entity: 'supervision_item', id: item.id, label: '逾期督办' }] },
    ]);
    const shown = await ok<SupervisionItemDetail>(supervisor.get(`/api/v1/supervision/items/${item.id}`));
    expect(shown).toMatchObject({ rag: 'red', overdue: true, reasons: [{ rule: 'item_overdue', value: 3 }] });
    const overdue = await ok<SupervisionItemPage>(supervisor.get('/api/v1/supervision/items?overdue=true'));
    expect(overdue.items.map((i) => i.id)).toContain(item.id);

    let cur = await ok<SupervisionItemDetail>(step(unitUser, shown, 'submit', '已完成'));
    cur = await ok(step(supervisor, cur, 'accept'));
    expect(cur.rag).toBe('green');
    expect((await rag()).reasons.map((r) => r.rule)).not.toContain('supervision_overdue');

    const all = await supervisionItemColours(t.database.db, '2026-07-16');
    expect(all.find((c) => c.id === item.id)).toMatchObject({ rag: 'green', projectId: p });
    expect(all.length).toBe(await countRows(t.database, 'supervision_items'));
  });
});

describe('migration 0013', () => {
  it('makes one item of every decision recorded before supervision items existed, in the link its state implies', async () => {
    const sql = readFileSync(new URL('../src/db/migrations/0013_supervision_items.sql', import.meta.url), 'utf8');
    const backfill = sql.slice(sql.indexOf('-- every decision')).split('--> statement-breakpoint');
    const { rows: before } = await t.database.raw(`select count(*)::int as n from decisions`);
    await t.database.raw(`delete from supervision_items`);
    for (const statement of backfill) await t.database.raw(statement);
    const { rows } = await t.database.raw(
      `select i.link, i.accepted_at is not null as accepted, d.status, count(*)::int as n
         from supervision_items i join decisions d on d.id = i.source_id and i.source = 'decision'
         group by 1, 2, 3 order by 3, 1`,
    );
    expect(rows.reduce((a, r) => a + Number(r.n), 0)).toBe(Number(before[0]!.n));
    for (const r of rows)
      expect([r.status, r.link, r.accepted]).toEqual(
        r.status === 'open' ? ['open', 'coordinating', false] : [r.status, 'checking', r.status === 'verified'],
      );
    expect(await countRows(t.database, 'supervision_item_events')).toBe(Number(before[0]!.n));
  });
});

/**
 * The weekly update 周报 (issue 12): the form pre-filled from the records, one send writing those records
 * themselves in one transaction (a failure in the last write leaves none), read back through the ledger,
 * milestone, investment and problem APIs (no figure typed twice), versioned per week, idempotent, and
 * only for the project's units and enterprise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { multipart } from './xlsx.js';
import { remindWeeklyUpdates } from '../src/jobs/weekly-update-reminder.js';
import { FACTORY_PASSWORD, createEnterprise, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let entUser: Client;
let otherUnitUser: Client;
let viewer: Client;
let otherRegionOffice: Client;
let unitId: number;
let enterpriseId: number;

// TEST_NOW is Thursday 2026-07-16: week 2026-W29
const WEEK = '2026-W29';

interface Form {
  week: string;
  asOf: string;
  ledgerItems: { id: number; version: number; content: string; source: { entity: string; id: number } }[];
  nodes: { id: number; version: number; name: string; actualStart: string | null }[];
  investment: { year: number; month: number } | null;
  investmentReport: { id: number; status: string } | null;
  problems: { id: number; version: number; description: string }[];
  rag: { rag: string };
  sent: { id: number; version: number; unchanged: boolean; note: string | null; changed: Record<string, number[]> } | null;
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  unitId = (await createUnit(t.database)).id;
  enterpriseId = (await createEnterprise(t.database)).id;
  const as = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  office = await login(t.app, 'office');
  unitUser = await as({ roles: ['unit'], unitId });
  entUser = await as({ roles: ['enterprise'], enterpriseId });
  otherUnitUser = await as({ roles: ['unit'], unitId: (await createUnit(t.database)).id });
  viewer = await as({ roles: ['viewer'] });
  otherRegionOffice = await as({ roles: ['office'], regionCode: '411102' });
});
afterAll(async () => t?.close());

/** A hand-built project: ledger items around the 14-day horizon, template nodes (one started), two problems. */
async function handBuilt() {
  const p = await createProject(t.database, { leadUnitId: unitId, enterpriseId, stage: 'started' });
  const item = async (content: string, deadline: string, status?: string) => {
    const r = await office.post(`/api/v1/projects/${p.id}/ledger-items`, {
      unitId,
      content,
      deadline,
      ...(status ? { status, completedOn: '2026-07-10' } : {}),
    });
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { id: number }).id;
  };
  const items = {
    overdue: await item('办理施工许可证', '2026-07-10'),
    dueSoon: await item('完成临电接入', '2026-07-30'),
    later: await item('完成竣工验收', '2026-08-20'),
    done: await item('完成土地摘牌', '2026-07-12', 'done'),
  };
  expect((await office.post(`/api/v1/projects/${p.id}/milestones/from-template`)).statusCode).toBe(201);
  const { rows: nodes } = await t.database.raw(`select id from milestones where project_id = $1 order by sort_order, id`, [p.id]);
  const started = Number(nodes[0]!.id);
  await t.database.raw(`update milestones set actual_start = '2026-07-01', status = 'in_progress' where id = $1`, [started]);
  const problem = async (description: string) => {
    const r = await office.post('/api/v1/problems', { projectId: p.id, category: 'land', description, unitId });
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { id: number }).id;
  };
  const problems = { open: await problem('征地补偿未到位'), other: await problem('管网迁改待协调') };
  await office.post(`/api/v1/problems/${problems.other}/resolve`, { version: 1, resolution: '已协调完成' });
  return { p, items, started, problems, nodeIds: nodes.map((n) => Number(n.id)) };
}

const url = (projectId: number, week = WEEK) => `/api/v1/projects/${projectId}/weekly-update?week=${week}`;
const form = async (c: Client, projectId: number) => {
  const r = await c.get(url(projectId));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Form;
};
const auditOf = async (entity: string, id: number) =>
  (await t.database.raw(`select action from audit_log where entity = $1 and entity_id = $2 order by id`, [entity, id])).rows.map(
    (r) => r.action as string,
  );

describe('the pre-filled form', () => {
  it('lists exactly the open items due within 14 days or overdue, the node in progress, the open problems, and asks for the month', async () => {
    const { p, items, started, problems } = await handBuilt();
    const f = await form(unitUser, p.id);
    expect(f.week).toBe(WEEK);
    expect(f.ledgerItems.map((i) => i.id)).toEqual([items.overdue, items.dueSoon]);
    expect(f.ledgerItems[0]!.source).toEqual({ entity: 'ledger_item', id: items.overdue });
    expect(f.nodes.map((n) => n.id)).toEqual([started]);
    expect(f.problems.map((x) => x.id)).toEqual([problems.open]);
    expect(f.investment).toEqual(expect.objectContaining({ year: 2026, month: 7 }));
    expect(['red', 'yellow', 'green']).toContain(f.rag.rag);
    expect(f.sent).toBeNull();
    // the enterprise sees the same form
    expect((await form(entUser, p.id)).ledgerItems).toHaveLength(2);
  });

  it('no longer shows an item done elsewhere, nor the month once reported on the investment screen', async () => {
    const { p, items } = await handBuilt();
    const done = await unitUser.patch(`/api/v1/ledger-items/${items.overdue}`, {
      version: 1,
      status: 'done',
      completedOn: '2026-07-15',
    });
    expect(done.statusCode, done.body).toBe(200);
    const created = await unitUser.post('/api/v1/investment-reports', {
      projectId: p.id,
      year: 2026,
      month: 7,
      amount: 1_000_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const f = await form(unitUser, p.id);
    expect(f.ledgerItems.map((i) => i.id)).toEqual([items.dueSoon]);
    expect(f.investment).toBeNull();
    expect(f.investmentReport).toEqual(expect.objectContaining({ id: (created.json() as { id: number }).id, status: 'draft' }));
  });

  it('refuses a week not yet begun', async () => {
    const { p } = await handBuilt();
    const r = await unitUser.get(url(p.id, '2026-W31'));
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('只能填报已开始的周');
  });
});

describe('sending', () => {
  it('writes exactly the four records (and one audit row each) and reads back through their own APIs', async () => {
    const { p, items, nodeIds, started, problems } = await handBuilt();
    const auditBefore = await countRows(t.database, 'audit_log');
    const res = await unitUser.post(url(p.id), {
      ledgerItems: [{ id: items.overdue, version: 1, doneOn: '2026-07-15' }],
      nodes: [{ id: started, version: 1, actualFinish: '2026-07-14' }],
      investment: { year: 2026, month: 7, amount: 2_500_000 },
      newProblems: [{ category: 'permit', description: '环评批复待省厅出具' }],
      note: '主体结构施工至三层',
      burden: { fieldsTyped: 4, seconds: 50 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json() as {
      id: number;
      version: number;
      unchanged: boolean;
      note: string;
      changed: { ledgerItemIds: number[]; milestoneIds: number[]; investmentReportIds: number[]; problemIds: number[] };
    };
    expect(sent).toEqual(expect.objectContaining({ version: 1, unchanged: false, note: '主体结构施工至三层' }));
    expect(sent.changed.ledgerItemIds).toEqual([items.overdue]);
    expect(sent.changed.milestoneIds).toEqual([started]);
    expect(sent.changed.investmentReportIds).toHaveLength(1);
    expect(sent.changed.problemIds).toHaveLength(1);
    // four records and the week's row: five audit rows
    expect((await countRows(t.database, 'audit_log')) - auditBefore).toBe(5);

    // the ledger shows the item done
    const item = (await office.get(`/api/v1/ledger-items/${items.overdue}`)).json() as { status: string; completedOn: string };
    expect(item).toEqual(expect.objectContaining({ status: 'done', completedOn: '2026-07-15' }));
    expect(await auditOf('ledger_item', items.overdue)).toEqual(['create', 'update']);
    // the milestone shows its finish
    const ms = (await office.get(`/api/v1/projects/${p.id}/milestones`)).json() as {
      nodes: { id: number; actualFinish: string | null }[];
    };
    expect(ms.nodes.find((n) => n.id === started)!.actualFinish).toBe('2026-07-14');
    expect(nodeIds).toContain(started);
    // the investment report waits for the office; the dashboard's figure has not moved
    const reportId = sent.changed.investmentReportIds[0]!;
    const report = (await office.get(`/api/v1/investment-reports/${reportId}`)).json() as {
      status: string;
      amount: number;
      permissions: { review: boolean };
    };
    expect(report).toEqual(expect.objectContaining({ status: 'submitted', amount: 2_500_000 }));
    expect(report.permissions.review).toBe(true);
    const inv = async () =>
      (
        (await office.get(`/api/v1/projects/${p.id}/investment?year=2026`)).json() as {
          months: { month: number; amount: number; pendingStatus: string | null }[];
        }
      ).months.find((m) => m.month === 7)!;
    expect(await inv()).toEqual(expect.objectContaining({ amount: 0, pendingStatus: 'submitted' }));
    const approved = await office.post(`/api/v1/investment-reports/${reportId}/approve`, { version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await inv()).toEqual(expect.objectContaining({ amount: 2_500_000, pendingStatus: null }));
    // the problem board lists the new problem, raised by the unit for itself
    const problem = (await office.get(`/api/v1/problems/${sent.changed.problemIds[0]}`)).json() as {
      description: string;
      status: string;
      unitId: number;
      source: string;
    };
    expect(problem).toEqual(
      expect.objectContaining({ description: '环评批复待省厅出具', status: 'open', unitId, source: 'unit_report' }),
    );
    expect(problems.open).toBeGreaterThan(0);

    // the form of the week now shows what was sent, with its version
    const f = await form(unitUser, p.id);
    expect(f.sent).toEqual(expect.objectContaining({ id: sent.id, version: 1 }));
    expect(f.ledgerItems.map((i) => i.id)).toEqual([items.dueSoon]);
    expect(f.investment).toBeNull();
  });

  it('leaves nothing written when the last write fails', async () => {
    const { p, items, started } = await handBuilt();
    const tables = ['audit_log', 'investment_reports', 'problems', 'weekly_updates'];
    const before = await Promise.all(tables.map((x) => countRows(t.database, x)));
    // a real failure of the database in the last step: inserting the new problem
    await t.database.raw(`create or replace function weekly_fail() returns trigger language plpgsql as $$
      begin if new.description = '注入失败' then raise exception 'injected failure'; end if; return new; end $$`);
    await t.database.raw(`create trigger weekly_fail before insert on problems for each row execute function weekly_fail()`);
    try {
      const res = await unitUser.post(url(p.id), {
        ledgerItems: [{ id: items.overdue, version: 1, doneOn: '2026-07-15' }],
        nodes: [{ id: started, version: 1, actualFinish: '2026-07-14' }],
        investment: { year: 2026, month: 7, amount: 2_500_000 },
        newProblems: [{ category: 'other', description: '注入失败' }],
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.database.raw(`drop trigger weekly_fail on problems`);
    }
    expect(await Promise.all(tables.map((x) => countRows(t.database, x)))).toEqual(before);
    const item = (await office.get(`/api/v1/ledger-items/${items.overdue}`)).json() as { status: string; version: number };
    expect(item).toEqual(expect.objectContaining({ status: 'not_started', version: 1 }));
    const { rows } = await t.database.raw(`select actual_finish, version from milestones where id = $1`, [started]);
    expect(rows[0]).toEqual(expect.objectContaining({ actual_finish: null, version: 1 }));
  });

  it('records an unchanged week in one tap, and refuses "unchanged" with changes', async () => {
    const { p } = await handBuilt();
    const empty = await unitUser.post(url(p.id), { burden: { fieldsTyped: 0, seconds: 3 } });
    expect(empty.statusCode).toBe(400);
    const bad = await unitUser.post(url(p.id), { unchanged: true, note: '进展' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('本周无变化');
    const before = await countRows(t.database, 'audit_log');
    const res = await unitUser.post(url(p.id), { unchanged: true, burden: { fieldsTyped: 0, seconds: 4 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ unchanged: true, version: 1 }));
    expect((await countRows(t.database, 'audit_log')) - before).toBe(1);
    // an unchanged week costs nothing typed, and is measured so
    const burden = await t.database.raw(
      `select fields_typed, seconds from burden_entries where screen = 'weekly_update' and project_id = ${p.id}`,
    );
    expect(burden.rows).toEqual([{ fields_typed: 0, seconds: 4 }]);
  });

  it('records the burden of a send: the fields typed and the seconds, in its transaction', async () => {
    const { p, items } = await handBuilt();
    const res = await unitUser.post(url(p.id), {
      ledgerItems: [{ id: items.overdue, version: 1, doneOn: '2026-07-15' }],
      note: '已完成',
      burden: { fieldsTyped: 3, seconds: 41 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const burden = await t.database.raw(
      `select fields_typed, seconds from burden_entries where screen = 'weekly_update' and project_id = ${p.id}`,
    );
    expect(burden.rows).toEqual([{ fields_typed: 3, seconds: 41 }]);
  });

  it('updates the week’s update at its version on a second send; a stale or version-less one is 409 and writes nothing', async () => {
    const { p, items } = await handBuilt();
    expect((await entUser.post(url(p.id), { note: '场平完成' })).statusCode).toBe(200);
    const noVersion = await unitUser.post(url(p.id), { note: '再报' });
    expect(noVersion.statusCode).toBe(409);
    const second = await unitUser.post(url(p.id), {
      version: 1,
      ledgerItems: [{ id: items.dueSoon, version: 1, progressNote: '已报电力公司' }],
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toEqual(expect.objectContaining({ version: 2, note: '场平完成' }));
    expect((second.json() as Form['sent'])!.changed.ledgerItemIds).toEqual([items.dueSoon]);
    const stale = await unitUser.post(url(p.id), {
      version: 1,
      ledgerItems: [{ id: items.overdue, version: 1, progressNote: '重复' }],
    });
    expect(stale.statusCode).toBe(409);
    const item = (await office.get(`/api/v1/ledger-items/${items.overdue}`)).json() as { progressNote: string | null };
    expect(item.progressNote).toBeNull();
    expect(await countRows(t.database, 'weekly_updates')).toBeGreaterThan(0);
  });

  it('answers a retry with the same Idempotency-Key once, without writing twice', async () => {
    const { p } = await handBuilt();
    const key = randomUUID();
    const body = { investment: { year: 2026, month: 7, amount: 800_000 }, note: '离线补报' };
    const send = () => unitUser.request({ method: 'POST', url: url(p.id), payload: body, headers: { 'idempotency-key': key } });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const { rows } = await t.database.raw(`select count(*)::int as n from investment_reports where project_id = $1`, [p.id]);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses a record of another project, a future date, and the month once reported, writing nothing', async () => {
    const a = await handBuilt();
    const b = await handBuilt();
    const before = await countRows(t.database, 'audit_log');
    const other = await unitUser.post(url(a.p.id), { ledgerItems: [{ id: b.items.overdue, version: 1, doneOn: '2026-07-15' }] });
    expect(other.statusCode).toBe(400);
    const future = await unitUser.post(url(a.p.id), { ledgerItems: [{ id: a.items.overdue, version: 1, doneOn: '2026-07-20' }] });
    expect(future.statusCode).toBe(400);
    expect((await unitUser.post(url(a.p.id), { investment: { year: 2026, month: 7, amount: 1 } })).statusCode).toBe(200);
    const twice = await unitUser.post(url(a.p.id), { version: 1, investment: { year: 2026, month: 7, amount: 2 } });
    expect(twice.statusCode).toBe(400);
    expect((await countRows(t.database, 'audit_log')) - before).toBe(2);
  });
});

describe('who', () => {
  it('is the project’s units and enterprise; the office, a viewer and another unit are refused, another region is 404', async () => {
    const { p } = await handBuilt();
    for (const c of [office, viewer]) {
      expect((await c.get(url(p.id))).statusCode).toBe(403);
      expect((await c.post(url(p.id), { unchanged: true })).statusCode).toBe(403);
    }
    for (const c of [otherUnitUser, otherRegionOffice]) {
      expect((await c.get(url(p.id))).statusCode).toBe(404);
      expect((await c.post(url(p.id), { unchanged: true })).statusCode).toBe(404);
    }
    const { rows } = await t.database.raw(`select count(*)::int as n from weekly_updates where project_id = $1`, [p.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it('lets the enterprise note progress but not tick an item owed by a unit done', async () => {
    const { p, items } = await handBuilt();
    const tick = await entUser.post(url(p.id), { ledgerItems: [{ id: items.overdue, version: 1, doneOn: '2026-07-15' }] });
    expect(tick.statusCode).toBe(403);
    const note = await entUser.post(url(p.id), { ledgerItems: [{ id: items.overdue, version: 1, progressNote: '资料已提交' }] });
    expect(note.statusCode, note.body).toBe(200);
  });
});

describe('the reminder', () => {
  const notices = async (userId: number) =>
    (
      await t.database.raw(
        `select kind, title_zh, dedupe_key from notifications where user_id = $1 and dedupe_key like 'weekly-update:%'`,
        [userId],
      )
    ).rows;

  it('tells the lead unit once on the due weekday when the week’s update is missing, and not when it was sent', async () => {
    const unit = (await createUnit(t.database)).id;
    const liaison = await createUser(t.database, { roles: ['unit'], unitId: unit });
    const sentUnit = (await createUnit(t.database)).id;
    const sentLiaison = await createUser(t.database, { roles: ['unit'], unitId: sentUnit });
    const missing = await createProject(t.database, { leadUnitId: unit });
    const sent = await createProject(t.database, { leadUnitId: sentUnit });
    const sender = await login(t.app, sentLiaison.username, FACTORY_PASSWORD);
    expect((await sender.post(url(sent.id), { unchanged: true })).statusCode).toBe(200);

    // Thursday: not the due day (Friday by default)
    await remindWeeklyUpdates(t.app.db, new Date('2026-07-16T01:00:00Z'));
    expect(await notices(liaison.id)).toHaveLength(0);
    // Friday 09:00 Shanghai, twice: one notice
    await remindWeeklyUpdates(t.app.db, new Date('2026-07-17T01:00:00Z'));
    await remindWeeklyUpdates(t.app.db, new Date('2026-07-17T01:00:00Z'));
    const got = await notices(liaison.id);
    expect(got).toEqual([expect.objectContaining({ kind: 'deadline', dedupe_key: `weekly-update:${missing.id}:${WEEK}` })]);
    expect(got[0]!.title_zh).toContain(missing.name);
    expect(await notices(sentLiaison.id)).toHaveLength(0);
  });

  it('follows the due weekday setting', async () => {
    const unit = (await createUnit(t.database)).id;
    const liaison = await createUser(t.database, { roles: ['unit'], unitId: unit });
    await createProject(t.database, { leadUnitId: unit });
    await t.database.raw(`insert into settings (region_code, key, value) values ('', 'weeklyUpdateDueWeekday', '3'::jsonb)`);
    try {
      await remindWeeklyUpdates(t.app.db, new Date('2026-07-17T01:00:00Z'));
      expect(await notices(liaison.id)).toHaveLength(0);
      await remindWeeklyUpdates(t.app.db, new Date('2026-07-15T01:00:00Z'));
      expect(await notices(liaison.id)).toHaveLength(1);
    } finally {
      await t.database.raw(`delete from settings where region_code = '' and key = 'weeklyUpdateDueWeekday'`);
    }
  });
});

describe('photos', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const upload = (c: Client, id: number, content = PNG) =>
    c.request({
      method: 'POST',
      url: `/api/v1/weekly-updates/${id}/attachments`,
      ...multipart('形象进度.png', content, 'image/png'),
    });

  it('takes images from those who send the update, read with the project; others are refused, outsiders see 404', async () => {
    const { p } = await handBuilt();
    const sent = await unitUser.post(url(p.id), { note: '主体封顶' });
    expect(sent.statusCode, sent.body).toBe(200);
    const id = (sent.json() as { id: number }).id;
    expect((await upload(unitUser, id)).statusCode).toBe(201);
    const before = await countRows(t.database, 'attachments');
    const notImage = await upload(unitUser, id, Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(notImage.statusCode).toBe(415);
    expect(notImage.json().error.message).toContain('图片');
    expect((await upload(office, id)).statusCode).toBe(403);
    expect((await upload(otherUnitUser, id)).statusCode).toBe(404);
    expect((await upload(otherRegionOffice, id)).statusCode).toBe(404);
    expect(await countRows(t.database, 'attachments')).toBe(before);
    const files = (await office.get(`/api/v1/weekly-updates/${id}/attachments`)).json() as { fileName: string }[];
    expect(files).toHaveLength(1);
    expect((await otherUnitUser.get(`/api/v1/weekly-updates/${id}/attachments`)).statusCode).toBe(404);
  });
});

describe('the list 本周周报', () => {
  it('lists the unit’s projects with the week’s update once sent, and nothing for the office', async () => {
    const { p } = await handBuilt();
    const list = async (c: Client) =>
      (await c.get(`/api/v1/weekly-updates?week=${WEEK}`)).json() as { items: { projectId: number; sent: unknown }[] };
    expect((await list(unitUser)).items.find((i) => i.projectId === p.id)).toEqual(expect.objectContaining({ sent: null }));
    await unitUser.post(url(p.id), { unchanged: true });
    expect((await list(unitUser)).items.find((i) => i.projectId === p.id)!.sent).toEqual(
      expect.objectContaining({ unchanged: true }),
    );
    expect((await list(entUser)).items.map((i) => i.projectId)).toContain(p.id);
    expect((await list(otherUnitUser)).items.map((i) => i.projectId)).not.toContain(p.id);
    expect((await list(office)).items).toEqual([]);
  });
});

describe('demo data', () => {
  it('has weekly updates for each of the last 8 weeks and none yet for the current one', async () => {
    const { rows } = await t.database.raw(
      `select week, count(*)::int as n, sum(case when unchanged then 1 else 0 end)::int as unchanged
         from weekly_updates where sent_by_name not like '测试用户%' group by week order by week`,
    );
    expect(rows.map((r) => r.week)).toEqual([
      '2026-W21',
      '2026-W22',
      '2026-W23',
      '2026-W24',
      '2026-W25',
      '2026-W26',
      '2026-W27',
      '2026-W28',
    ]);
    for (const r of rows) expect(r.n).toBeGreaterThan(10);
    expect(rows.some((r) => Number(r.unchanged) > 0)).toBe(true);
  });
});

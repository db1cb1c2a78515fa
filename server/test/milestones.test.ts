import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type Client, type TestApp } from './helpers.js';
import { createLeader, createProject, createUnit, ensureRegion, loginCast } from './factories.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let viewer: Client;
let otherRegionOffice: Client;
let mine: { id: number };
let theirs: { id: number };
let elsewhere: { id: number };
let myUnitName: string;
let myLeaderName: string;

interface Node {
  id: number;
  key: string;
  version: number;
  latestStart: string | null;
  latestFinish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  status: string;
  forecastFinish: string | null;
  slipDays: number | null;
  overdue: boolean;
  predecessors: { key: string; lagDays: number }[];
}

const lastAudit = async () =>
  (await t.database.raw(`select action, entity, entity_id, before, after from audit_log order by id desc limit 1`)).rows[0]!;
const nodesOf = async (projectId: number) =>
  (await office.get(`/api/v1/projects/${projectId}/milestones`)).json() as { nodes: Node[]; slipDays: number | null };
const node = async (projectId: number, key: string) => (await nodesOf(projectId)).nodes.find((n) => n.key === key)!;

beforeAll(async () => {
  t = await createTestApp();
  const myUnit = await createUnit(t.database);
  const otherUnit = await createUnit(t.database);
  const myLeader = await createLeader(t.database);
  ({ name: myUnitName } = myUnit);
  ({ name: myLeaderName } = myLeader);
  await ensureRegion(t.database, '411102');
  mine = await createProject(t.database, { leadUnitId: myUnit.id, leaderId: myLeader.id, stage: 'started' });
  theirs = await createProject(t.database, { leadUnitId: otherUnit.id });
  elsewhere = await createProject(t.database, { regionCode: '411102' });
  ({ office, unitUser, viewer, otherRegionOffice } = await loginCast(t, { unitId: myUnit.id }));
});
afterAll(async () => t?.close());

describe('milestone templates', () => {
  it('lists one template per category, each with nodes and finish-to-start dependencies', async () => {
    const list = (await viewer.get('/api/v1/milestone-templates')).json();
    expect(list.items.map((x: { category: string }) => x.category).sort()).toEqual(
      ['agriculture', 'ecology', 'industry', 'infrastructure', 'services', 'social'].sort(),
    );
    const industry = list.items.find((x: { category: string }) => x.category === 'industry');
    const detail = (await viewer.get(`/api/v1/milestone-templates/${industry.id}`)).json();
    expect(detail.nodes.map((n: { key: string }) => n.key)).toEqual(
      expect.arrayContaining([
        'land',
        'planning_permit',
        'construction_permit',
        'foundation',
        'main_structure',
        'trial_production',
      ]),
    );
    expect(detail.dependencies).toContainEqual({ predecessorKey: 'land', successorKey: 'planning_permit', lagDays: 0 });
  });

  it('office replaces a template with its version; stale → 409; a cycle → 400; viewer → 403', async () => {
    const list = (await office.get('/api/v1/milestone-templates')).json();
    const services = list.items.find((x: { category: string }) => x.category === 'services');
    const detail = (await office.get(`/api/v1/milestone-templates/${services.id}`)).json();
    const body = {
      version: detail.version,
      nodes: detail.nodes.map((n: { key: string; name: string; durationDays: number }) => ({
        key: n.key,
        name: n.name,
        durationDays: n.key === 'land' ? 50 : n.durationDays,
      })),
      dependencies: detail.dependencies,
    };
    expect((await viewer.put(`/api/v1/milestone-templates/${services.id}`, body)).statusCode).toBe(403);
    const cyclic = {
      ...body,
      dependencies: [...body.dependencies, { predecessorKey: 'opening', successorKey: 'land', lagDays: 0 }],
    };
    const bad = await office.put(`/api/v1/milestone-templates/${services.id}`, cyclic);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const audits = await countRows(t.database, 'audit_log');
    const ok = await office.put(`/api/v1/milestone-templates/${services.id}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: detail.version + 1 });
    expect(ok.json().nodes.find((n: { key: string }) => n.key === 'land').durationDays).toBe(50);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    expect(await lastAudit()).toMatchObject({ action: 'update', entity: 'milestone_template' });
    const stale = await office.put(`/api/v1/milestone-templates/${services.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.version).toBe(detail.version + 1);
  });
});

describe('a project’s milestones and reverse scheduling', () => {
  it('instantiates the nodes from the category template once (office only)', async () => {
    expect((await unitUser.post(`/api/v1/projects/${mine.id}/milestones/from-template`)).statusCode).toBe(403);
    expect((await viewer.post(`/api/v1/projects/${mine.id}/milestones/from-template`)).statusCode).toBe(403);
    expect((await otherRegionOffice.post(`/api/v1/projects/${mine.id}/milestones/from-template`)).statusCode).toBe(404);
    expect(await countRows(t.database, `milestones where project_id = ${mine.id}`)).toBe(0);
    const res = await office.post(`/api/v1/projects/${mine.id}/milestones/from-template`);
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view.nodes.length).toBe(8);
    expect(view.baseline).toBeNull();
    expect(view.nodes.find((n: Node) => n.key === 'planning_permit').predecessors).toEqual([{ key: 'land', lagDays: 0 }]);
    expect(await lastAudit()).toMatchObject({ action: 'create', entity: 'milestones', entity_id: String(mine.id) });
    const again = await office.post(`/api/v1/projects/${mine.id}/milestones/from-template`);
    expect(again.statusCode).toBe(409);
    expect((await office.post(`/api/v1/projects/${theirs.id}/milestones/from-template`)).statusCode).toBe(201);
  });

  it('previews a backward schedule: the final node finishes on the target; nothing is saved', async () => {
    const before = await countRows(t.database, 'schedule_baselines');
    const res = await viewer.post(`/api/v1/projects/${mine.id}/schedule/backward`, { targetDate: '2028-06-30' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ feasible: true, infeasibility: null, finishDate: '2028-06-30', asOf: '2026-07-16' });
    const byKey = Object.fromEntries(r.nodes.map((n: Node) => [n.key, n]));
    expect(byKey.trial_production.latestFinish).toBe('2028-06-30');
    // finish-to-start: planning permit ends the day before construction permit may start
    expect(byKey.planning_permit.latestFinish < byKey.construction_permit.latestStart).toBe(true);
    expect(await countRows(t.database, 'schedule_baselines')).toBe(before);
  });

  it('reports an infeasible target with the chain of nodes that causes it', async () => {
    const r = (await office.post(`/api/v1/projects/${mine.id}/schedule/backward`, { targetDate: '2026-12-31' })).json();
    expect(r.feasible).toBe(false);
    expect(r.infeasibility.key).toBe('land');
    expect(r.infeasibility.chain.at(0).key).toBe('land');
    expect(r.infeasibility.chain.at(-1).key).toBe('trial_production');
    expect(r.infeasibility.shortByDays).toBeGreaterThan(0);
  });

  it('refuses a preview of another region’s project (404) and a bad date (400)', async () => {
    expect(
      (await otherRegionOffice.post(`/api/v1/projects/${mine.id}/schedule/backward`, { targetDate: '2028-06-30' })).statusCode,
    ).toBe(404);
    expect((await office.post(`/api/v1/projects/${mine.id}/schedule/backward`, { targetDate: '2028-02-30' })).statusCode).toBe(
      400,
    );
    expect(
      (await office.post(`/api/v1/projects/${mine.id}/schedule/backward`, { targetDate: '2028-06-30', x: 1 })).statusCode,
    ).toBe(400);
  });

  it('saves baselines: each replan is a new current baseline, the old ones are kept', async () => {
    const url = `/api/v1/projects/${mine.id}/schedule/baselines`;
    expect((await viewer.post(url, { targetDate: '2028-06-30' })).statusCode).toBe(403);
    expect((await unitUser.post(url, { targetDate: '2028-06-30' })).statusCode).toBe(403);
    expect(await countRows(t.database, `schedule_baselines where project_id = ${mine.id}`)).toBe(0);
    const first = await office.post(url, { targetDate: '2028-06-30' });
    expect(first.statusCode).toBe(201);
    expect(first.json().baseline).toMatchObject({ number: 1, isCurrent: true, targetDate: '2028-06-30' });
    expect(await lastAudit()).toMatchObject({ action: 'create', entity: 'schedule_baseline' });
    const second = await office.post(url, { targetDate: '2027-06-30' });
    expect(second.json().baseline).toMatchObject({ number: 2, isCurrent: true });
    const list = (await viewer.get(url)).json().items;
    expect(list.map((b: { number: number; isCurrent: boolean }) => [b.number, b.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    const view = (await viewer.get(`/api/v1/projects/${mine.id}/milestones`)).json();
    expect(view.baseline.number).toBe(2);
    const tp = view.nodes.find((n: Node) => n.key === 'trial_production');
    expect(tp.latestFinish).toBe('2027-06-30');
    expect((await otherRegionOffice.get(url)).statusCode).toBe(404);
  });
});

describe('working-day templates', () => {
  it('schedules a social project in working days: a Saturday target finishes on the Friday', async () => {
    const p = await createProject(t.database);
    await t.database.raw(`update projects set category = 'social' where id = $1`, [p.id]);
    expect((await office.post(`/api/v1/projects/${p.id}/milestones/from-template`)).statusCode).toBe(201);
    const r = (await office.post(`/api/v1/projects/${p.id}/schedule/backward`, { targetDate: '2028-07-01' })).json();
    expect(r).toMatchObject({ calendarMode: 'working', finishDate: '2028-06-30' });
    for (const n of r.nodes as { latestStart: string; latestFinish: string }[])
      for (const d of [n.latestStart, n.latestFinish]) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });

  it('refuses to instantiate when the category has no template (409) and writes nothing', async () => {
    const p = await createProject(t.database);
    await t.database.raw(`update projects set category = 'mystery' where id = $1`, [p.id]);
    const res = await office.post(`/api/v1/projects/${p.id}/milestones/from-template`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({ reason: 'no_template' });
    expect(await countRows(t.database, `milestones where project_id = ${p.id}`)).toBe(0);
  });
});

describe('tracking against the plan', () => {
  it('a unit user records actual dates on its own project, audited; the version goes up', async () => {
    const land = await node(mine.id, 'land');
    const audits = await countRows(t.database, 'audit_log');
    const res = await unitUser.patch(`/api/v1/milestones/${land.id}`, { version: land.version, actualStart: '2026-05-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ actualStart: '2026-05-01', status: 'in_progress', version: land.version + 1 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const a = await lastAudit();
    expect(a).toMatchObject({ action: 'update', entity: 'milestone', entity_id: String(land.id) });
    expect((a.before as Node).actualStart).toBeNull();
    expect((a.after as Node).actualStart).toBe('2026-05-01');
  });

  it('refuses a stale version with 409 and the current node', async () => {
    const land = await node(mine.id, 'land');
    const res = await office.patch(`/api/v1/milestones/${land.id}`, { version: land.version - 1, actualFinish: '2026-07-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.current).toMatchObject({ id: land.id, version: land.version, actualFinish: null });
  });

  it('refuses dates in the future and a finish before the start, writing nothing', async () => {
    const land = await node(mine.id, 'land');
    const audits = await countRows(t.database, 'audit_log');
    const future = await office.patch(`/api/v1/milestones/${land.id}`, { version: land.version, actualFinish: '2026-07-17' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].field).toBe('actualFinish');
    const early = await office.patch(`/api/v1/milestones/${land.id}`, { version: land.version, actualFinish: '2026-04-30' });
    expect(early.statusCode).toBe(400);
    const planning = await node(mine.id, 'planning_permit');
    const noStart = await office.patch(`/api/v1/milestones/${planning.id}`, {
      version: planning.version,
      actualFinish: '2026-07-01',
    });
    expect(noStart.statusCode).toBe(400);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('refuses users who may not edit the project: other unit 404 (outside its read scope), viewer 403, other region 404', async () => {
    const other = await node(theirs.id, 'land');
    expect((await unitUser.patch(`/api/v1/milestones/${other.id}`, { version: 1, actualStart: '2026-07-01' })).statusCode).toBe(
      404,
    );
    const land = await node(mine.id, 'land');
    expect(
      (await viewer.patch(`/api/v1/milestones/${land.id}`, { version: land.version, actualStart: '2026-07-01' })).statusCode,
    ).toBe(403);
    expect(
      (await otherRegionOffice.patch(`/api/v1/milestones/${land.id}`, { version: land.version, actualStart: '2026-07-01' }))
        .statusCode,
    ).toBe(404);
    // durations are the office's to change
    expect((await unitUser.patch(`/api/v1/milestones/${land.id}`, { version: land.version, durationDays: 5 })).statusCode).toBe(
      403,
    );
    expect((await node(theirs.id, 'land')).actualStart).toBeNull();
    expect((await node(mine.id, 'land')).version).toBe(land.version);
  });

  it('a late finish gives the node and the project a slip; unfinished past-due nodes are overdue', async () => {
    const land = await node(mine.id, 'land');
    expect(land.latestFinish! < '2026-07-16').toBe(true); // baseline 2 starts before today
    const res = await office.patch(`/api/v1/milestones/${land.id}`, {
      version: land.version,
      actualFinish: '2026-07-15',
    });
    expect(res.statusCode).toBe(200);
    const view = await nodesOf(mine.id);
    const after = view.nodes.find((n) => n.key === 'land')!;
    expect(after.status).toBe('done');
    expect(after.slipDays).toBe(Math.round((Date.parse('2026-07-15') - Date.parse(land.latestFinish!)) / 86_400_000));
    expect(view.slipDays).toBeGreaterThanOrEqual(after.slipDays!);
    const env = view.nodes.find((n) => n.key === 'env_approval')!;
    expect(env.latestFinish! < '2026-07-16' && env.overdue).toBe(true);
  });

  it('lists overdue nodes and nodes due soon across the user’s projects, paged', async () => {
    const overdue = (await unitUser.get(`/api/v1/milestones?overdue=true&projectId=${mine.id}`)).json();
    expect(overdue.total).toBeGreaterThan(0);
    for (const i of overdue.items) {
      expect(i).toMatchObject({ projectId: mine.id, overdue: true, actualFinish: null });
      expect(i.overdueDays).toBeGreaterThan(0);
    }
    expect(overdue.items.map((i: Node) => i.key)).toContain('env_approval');
    expect(overdue.items.map((i: Node) => i.key)).not.toContain('land');

    const view = await nodesOf(mine.id);
    const horizon = '2026-11-13'; // today + 120
    const expected = view.nodes
      .filter((n) => !n.actualFinish && n.latestFinish && n.latestFinish >= '2026-07-16' && n.latestFinish <= horizon)
      .map((n) => n.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const due = (await office.get(`/api/v1/milestones?dueWithinDays=120&projectId=${mine.id}`)).json();
    expect(due.items.map((i: Node) => i.id).sort()).toEqual(expected);

    const paged = (await office.get('/api/v1/milestones?overdue=true&pageSize=1')).json();
    expect(paged.items.length).toBe(1);
    expect(paged.total).toBeGreaterThanOrEqual(overdue.total);

    // other regions see none of it; a project outside the region is simply not there
    const theirsView = (await otherRegionOffice.get(`/api/v1/milestones?overdue=true`)).json();
    expect(theirsView.items.some((i: { projectId: number }) => i.projectId === mine.id)).toBe(false);
    expect((await otherRegionOffice.get(`/api/v1/milestones?projectId=${mine.id}`)).json().total).toBe(0);
    expect((await office.get('/api/v1/milestones?overdue=maybe')).statusCode).toBe(400);
  });

  it('gives each listed node its forecast, slip, lead unit and leader, as the project’s view and the Gantt do', async () => {
    const overdue = (await office.get(`/api/v1/milestones?overdue=true&projectId=${mine.id}`)).json();
    const env = overdue.items.find((i: Node) => i.key === 'env_approval');
    expect(env.slipDays).toBeGreaterThan(0);
    expect(env.forecastFinish > env.latestFinish).toBe(true);
    expect(env).toMatchObject({ leadUnitName: myUnitName, leaderName: myLeaderName });

    const view = await nodesOf(mine.id);
    const gantt = (await office.get(`/api/v1/gantt?projectId=${mine.id}`)).json();
    const bars = new Map(
      gantt.projects[0].nodes.map((n: { id: number; forecastFinish: string; slipDays: number | null }) => [n.id, n]),
    );
    for (const item of overdue.items) {
      const n = view.nodes.find((x) => x.id === item.id)!;
      expect({ forecastFinish: item.forecastFinish, slipDays: item.slipDays }).toEqual({
        forecastFinish: n.forecastFinish,
        slipDays: n.slipDays,
      });
      expect(bars.get(item.id)).toMatchObject({ forecastFinish: item.forecastFinish, slipDays: item.slipDays });
    }
    // a page spanning many projects: each node tracked with its own project's nodes, names from its project
    const all = (await office.get('/api/v1/milestones?overdue=true&pageSize=200')).json();
    const wall = (await office.get('/api/v1/gantt')).json() as {
      projects: { leadUnitName: string | null; leaderName: string | null; nodes: { id: number }[] }[];
    };
    const barOf = new Map(wall.projects.flatMap((p) => p.nodes.map((n) => [n.id, { ...n, p }] as const)));
    expect(new Set(all.items.map((i: { projectId: number }) => i.projectId)).size).toBeGreaterThan(1);
    for (const item of all.items) {
      const bar = barOf.get(item.id)!;
      expect(bar).toMatchObject({ forecastFinish: item.forecastFinish, slipDays: item.slipDays });
      expect(bar.p).toMatchObject({ leadUnitName: item.leadUnitName, leaderName: item.leaderName });
    }
  });

  it('filters by unit and by stage', async () => {
    const byUnit = (
      await office.get(
        `/api/v1/milestones?unitId=${(await t.database.raw(`select lead_unit_id from projects where id=${mine.id}`)).rows[0]!.lead_unit_id}`,
      )
    ).json();
    expect(byUnit.items.every((i: { projectId: number }) => i.projectId === mine.id)).toBe(true);
    const byStage = (await office.get(`/api/v1/milestones?stage=planned&projectId=${mine.id}`)).json();
    expect(byStage.total).toBe(0);
  });

  it('hides another region’s project milestones (404)', async () => {
    expect((await office.get(`/api/v1/projects/${elsewhere.id}/milestones`)).statusCode).toBe(404);
    expect((await otherRegionOffice.get(`/api/v1/projects/${mine.id}/milestones`)).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('every demo project has nodes from its template, a current baseline, actual dates and some overdue nodes', async () => {
    const { rows } = await t.database.raw(`
      select count(distinct p.id)::int as projects,
             count(distinct b.project_id)::int as with_baseline,
             count(m.actual_start)::int as with_actuals
      from projects p
      left join milestones m on m.project_id = p.id
      left join schedule_baselines b on b.project_id = p.id and b.is_current
      where p.code not like 'T-%'`);
    expect(rows[0]!.projects).toBeGreaterThan(0);
    expect(rows[0]!.with_baseline).toBe(rows[0]!.projects);
    expect(Number(rows[0]!.with_actuals)).toBeGreaterThan(0);
    const overdue = (await office.get('/api/v1/milestones?overdue=true')).json();
    expect(overdue.total).toBeGreaterThan(0);
  });
});

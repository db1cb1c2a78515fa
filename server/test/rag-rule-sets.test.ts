/**
 * Colour rule sets per region 评色规则 (issue 11 item 2): the set in force (own, inherited, default) and
 * its history; the preview of a change naming the projects it would turn, saving nothing; the save of a
 * new version on the version it was based on (stale → 409), audited; invalid rules refused with field
 * messages; who may (the supervisor or admin of the region or above) — and the colours following the
 * region's set: a stricter set for one township turns its project red while the sibling's stays yellow.
 * Regions of their own (郾城区 411103 and two of its townships), so the demo's 召陵区 stays out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, defaultRagRules } from '@kpc/domain';
import { auditLog, ledgerItems } from '../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';
import { createProject, createUnit, createUser, ensureRegion, FACTORY_PASSWORD } from './factories.js';

const COUNTY = '411103'; // 郾城区
const TOWN = '411103001'; // 沙北街道: gets the stricter set
const SIBLING = '411103002'; // 龙塔街道
const ASOF = '2026-07-16';
const url = (region: string) => `/api/v1/supervision/rule-sets/${region}`;

type View = {
  regionCode: string;
  source: string;
  fromRegion: { code: string; name: string } | null;
  rules: typeof defaultRagRules;
  version: number;
  history: { version: number; note: string; by: string; rules: typeof defaultRagRules }[];
};
type Preview = {
  asOf: string;
  projects: number;
  before: Record<string, number>;
  after: Record<string, number>;
  summary: string;
  changes: { projectId: number; code: string; from: string; to: string; reasons: { rule: string; message: string }[] }[];
};

let t: TestApp;
let supervisor: Client;
let admin: Client;
let townSupervisor: Client;
let office: Client;
let unitClient: Client;
let otherSupervisor: Client;
let strictTown: { id: number; code: string };
let sibling: { id: number; code: string };

const ok = async <T>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const rules = (change: (r: typeof defaultRagRules) => void = () => {}) => {
  const r = structuredClone(defaultRagRules);
  change(r);
  return r;
};
// red from any ledger item more than 1 day overdue (the default: more than 30)
const strict = rules((r) => (r.ledger_overdue.redDays = 1));
const ragOf = async (id: number) => (await ok<{ rag: string }>(supervisor.get(`/api/v1/projects/${id}/rag`))).rag;

beforeAll(async () => {
  t = await createTestApp();
  for (const r of [TOWN, SIBLING, '411103003', '411102']) await ensureRegion(t.database, r);
  const unit = await createUnit(t.database, { regionCode: COUNTY });
  const mk = async (roles: Parameters<typeof createUser>[1]['roles'], regionCode: string, unitId: number | null = null) => {
    const u = await createUser(t.database, { roles, regionCode, unitId });
    return login(t.app, u.username, FACTORY_PASSWORD);
  };
  supervisor = await mk(['supervisor'], COUNTY);
  admin = await mk(['admin'], COUNTY);
  townSupervisor = await mk(['supervisor'], TOWN);
  office = await mk(['office'], COUNTY);
  unitClient = await mk(['unit'], COUNTY, unit.id);
  otherSupervisor = await mk(['supervisor'], '411102');
  // one ledger item 5 days overdue each: yellow under the defaults
  for (const [regionCode, code] of [
    [TOWN, 'RS-TOWN'],
    [SIBLING, 'RS-SIB'],
  ] as const) {
    const p = await createProject(t.database, { regionCode, code, name: `规则测试${code}`, leadUnitId: unit.id });
    await t.database.db.insert(ledgerItems).values({
      projectId: p.id,
      seq: 1,
      unitId: unit.id,
      content: `${code} 用地手续`,
      deadline: addDays(ASOF, -5),
      status: 'in_progress',
      focus: 'progress',
    });
    if (regionCode === TOWN) strictTown = p;
    else sibling = p;
  }
});
afterAll(() => t.close());

describe('who may read and change a region’s rules', () => {
  it('refuses the office and a unit (403), and a region outside the actor’s or unknown (404)', async () => {
    for (const c of [office, unitClient]) {
      expect((await c.get(url(COUNTY))).statusCode).toBe(403);
      expect((await c.post(`${url(COUNTY)}/preview`, { rules: strict })).statusCode).toBe(403);
      expect((await c.put(url(COUNTY), { rules: strict, version: 0, note: '' })).statusCode).toBe(403);
    }
    expect((await otherSupervisor.get(url(COUNTY))).statusCode).toBe(404);
    // a township's supervisor may not touch the county above it
    expect((await townSupervisor.get(url(COUNTY))).statusCode).toBe(404);
    expect((await townSupervisor.put(url(COUNTY), { rules: strict, version: 0, note: '' })).statusCode).toBe(404);
    expect((await supervisor.get(url('411103998'))).statusCode).toBe(404);
    expect((await admin.get(url(COUNTY))).statusCode).toBe(200);
    expect(await countRows(t.database, 'rag_rule_sets')).toBe(0);
  });
});

describe('GET, preview and PUT', () => {
  it('shows the defaults where no region has a set', async () => {
    const v = await ok<View>(supervisor.get(url(TOWN)));
    expect(v).toMatchObject({ regionCode: TOWN, source: 'default', fromRegion: null, version: 0, history: [] });
    expect(v.rules).toEqual(defaultRagRules);
  });

  it('refuses invalid rules with a message per field, saving nothing', async () => {
    const bad = rules((r) => {
      r.milestone_slip.yellowDays = 40; // beyond red (30)
      r.milestone_slip.redShareOfDuration = 2;
      r.ledger_overdue.yellowCount = 0;
    });
    const res = await supervisor.put(url(TOWN), { rules: bad, version: 0, note: '试' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'rules.milestone_slip.redDays', message: '红色阈值须大于黄色阈值' },
        { field: 'rules.milestone_slip.redShareOfDuration', message: '不能大于 1' },
        { field: 'rules.ledger_overdue.yellowCount', message: '不能小于 1' },
      ]),
    );
    const en = await supervisor.request({
      method: 'POST',
      url: `${url(TOWN)}/preview`,
      payload: { rules: bad },
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details).toContainEqual({
      field: 'rules.milestone_slip.redDays',
      message: 'The red threshold must be above the yellow one',
    });
    expect(await countRows(t.database, 'rag_rule_sets')).toBe(0);
  });

  it('previews a stricter set: names the project it would turn red, changes nothing', async () => {
    const p = await ok<Preview>(supervisor.post(`${url(TOWN)}/preview`, { rules: strict }));
    expect(p).toMatchObject({
      asOf: ASOF,
      projects: 1,
      before: { green: 0, yellow: 1, red: 0 },
      after: { green: 0, yellow: 0, red: 1 },
      summary: '此修改将使 1 个项目变为红色',
    });
    expect(p.changes).toEqual([
      expect.objectContaining({ projectId: strictTown.id, code: 'RS-TOWN', from: 'yellow', to: 'red' }),
    ]);
    expect(p.changes[0]!.reasons[0]).toMatchObject({ rule: 'ledger_overdue', message: expect.stringContaining('超过 1 天') });
    // the county's preview covers both townships
    const county = await ok<Preview>(supervisor.post(`${url(COUNTY)}/preview`, { rules: strict }));
    expect(county.changes.map((c) => c.code)).toEqual(['RS-SIB', 'RS-TOWN']);
    const en = await supervisor.request({
      method: 'POST',
      url: `${url(COUNTY)}/preview`,
      payload: { rules: strict },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().summary).toBe('This change would turn 2 projects red');
    expect(await countRows(t.database, 'rag_rule_sets')).toBe(0);
    expect(await ragOf(strictTown.id)).toBe('yellow');
  });

  it('saves the stricter set for the township: its project turns red, the sibling township’s stays yellow', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const saved = await ok<{ id: number; version: number; note: string; by: string }>(
      townSupervisor.put(url(TOWN), { rules: strict, version: 0, note: '沙北街道用地问题多，从严' }),
    );
    expect(saved).toMatchObject({ version: 1, note: '沙北街道用地问题多，从严', by: '测试用户 supervisor' });
    expect(await ragOf(strictTown.id)).toBe('red');
    expect(await ragOf(sibling.id)).toBe('yellow');
    const map = await ok<{ items: { code: string; rag: string }[] }>(
      supervisor.get(`/api/v1/supervision/colours?regionCode=${COUNTY}`),
    );
    expect(Object.fromEntries(map.items.map((i) => [i.code, i.rag]))).toEqual({ 'RS-TOWN': 'red', 'RS-SIB': 'yellow' });
    const dash = await ok<{ colours: { ids: Record<string, number[]> } }>(supervisor.get('/api/v1/dashboard/summary'));
    expect(dash.colours.ids.red).toContain(strictTown.id);
    expect(dash.colours.ids.yellow).toContain(sibling.id);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const [a] = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'rag_rule_set'));
    expect(a).toMatchObject({ action: 'rag_rule_set_save', entityId: String(saved.id), regionCode: TOWN });

    const v = await ok<View>(supervisor.get(url(TOWN)));
    expect(v).toMatchObject({ source: 'own', version: 1 });
    expect(v.rules.ledger_overdue.redDays).toBe(1);
    expect(v.history).toEqual([
      expect.objectContaining({ version: 1, note: '沙北街道用地问题多，从严', by: '测试用户 supervisor' }),
    ]);
  });

  it('refuses a save on a stale version (409, the set as it is now), saving nothing', async () => {
    const res = await supervisor.put(url(TOWN), { rules: defaultRagRules, version: 0, note: '' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.current).toMatchObject({ version: 1, source: 'own' });
    expect(await countRows(t.database, 'rag_rule_sets')).toBe(1);
    expect(await ragOf(strictTown.id)).toBe('red');
  });

  it('a county set applies to the townships without their own; the preview leaves those with one out', async () => {
    const lax = rules((r) => (r.ledger_overdue.yellowCount = 2)); // one overdue item is no longer yellow
    const p = await ok<Preview>(admin.post(`${url(COUNTY)}/preview`, { rules: lax }));
    expect(p.projects).toBe(1);
    expect(p.changes).toEqual([expect.objectContaining({ code: 'RS-SIB', from: 'yellow', to: 'green', reasons: [] })]);
    expect(p.summary).toBe('此修改将使 1 个项目变为绿色');
    await ok(admin.put(url(COUNTY), { rules: lax, version: 0, note: '放宽' }));
    expect(await ragOf(sibling.id)).toBe('green');
    expect(await ragOf(strictTown.id)).toBe('red');
    expect(await ok<View>(supervisor.get(url(SIBLING)))).toMatchObject({
      source: 'inherited',
      fromRegion: { code: COUNTY, name: '郾城区' },
      version: 0,
    });
    // versions are appended, never edited: v2 of the township keeps v1 in its history
    await ok(townSupervisor.put(url(TOWN), { rules: rules((r) => (r.ledger_overdue.redDays = 3)), version: 1, note: '第二版' }));
    const v = await ok<View>(supervisor.get(url(TOWN)));
    expect(v.history.map((h) => [h.version, h.note, h.rules.ledger_overdue.redDays])).toEqual([
      [2, '第二版', 3],
      [1, '沙北街道用地问题多，从严', 1],
    ]);
    expect(await ragOf(strictTown.id)).toBe('red');
  });

  it('lets one of two saves on the same version through, the other 409, never two version 1s', async () => {
    const region = '411103003';
    const [a, b] = await Promise.all([
      supervisor.put(url(region), { rules: strict, version: 0, note: 'A' }),
      admin.put(url(region), { rules: defaultRagRules, version: 0, note: 'B' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const v = await ok<View>(supervisor.get(url(region)));
    expect(v.history.map((h) => h.version)).toEqual([1]);
  });
});

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFilePath } from '../src/modules/attachments/attachments.storage.js';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createProject, createUnit, createUser } from './factories.js';

let t: TestApp;
let office: Client;
let reporter: Client;
let outsider: Client;
let viewer: Client;
let reportId: number;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(2048, 1)]);

function upload(c: Client, id: number, filename: string, content: Buffer) {
  const boundary = `----kpc${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request({
    method: 'POST',
    url: `/api/v1/investment-reports/${id}/attachments`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  const mine = await createUnit(t.database);
  const other = await createUnit(t.database);
  const p = await createProject(t.database, { leadUnitId: mine.id, stage: 'building' });
  const u = await createUser(t.database, { roles: ['unit'], unitId: mine.id });
  const u2 = await createUser(t.database, { roles: ['unit'], unitId: other.id });
  const v = await createUser(t.database, { roles: ['viewer'] });
  office = await login(t.app, 'office');
  reporter = await login(t.app, u.username, FACTORY_PASSWORD);
  outsider = await login(t.app, u2.username, FACTORY_PASSWORD);
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
  const r = await reporter.post('/api/v1/investment-reports', { projectId: p.id, year: 2026, month: 6, amount: 12_000_000 });
  expect(r.statusCode).toBe(201);
  reportId = r.json().id;
});
afterAll(async () => t?.close());

describe('progress photos of an investment report', () => {
  it('lets the reporter attach a photo to an open report', async () => {
    const res = await upload(reporter, reportId, '现场.png', PNG);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ entity: 'investment_report', entityId: reportId, mime: 'image/png' });
    const list = await office.get(`/api/v1/investment-reports/${reportId}/attachments`);
    expect(list.json()).toHaveLength(1);
  });

  it('refuses an executable renamed .jpg', async () => {
    expect((await upload(reporter, reportId, 'photo.jpg', ELF)).statusCode).toBe(415);
  });

  it('refuses other units (404: outside their read scope, ADR 0009) and viewers, writing nothing', async () => {
    const before = await countRows(t.database, 'attachments');
    expect((await upload(outsider, reportId, 'x.png', PNG)).statusCode).toBe(404);
    expect((await upload(viewer, reportId, 'x.png', PNG)).statusCode).toBe(403);
    expect(await countRows(t.database, 'attachments')).toBe(before);
  });

  it('closes the report to new photos once approved', async () => {
    const r = (await reporter.get(`/api/v1/investment-reports/${reportId}`)).json();
    const submitted = await reporter.post(`/api/v1/investment-reports/${reportId}/submit`, { version: r.version });
    expect(submitted.statusCode).toBe(200);
    const approved = await office.post(`/api/v1/investment-reports/${reportId}/approve`, { version: submitted.json().version });
    expect(approved.statusCode).toBe(200);
    expect((await upload(reporter, reportId, 'late.png', PNG)).statusCode).toBe(403);
  });
});

describe('deleting a project', () => {
  it('removes its evidence rows and files with it', async () => {
    const p = (
      await office.post('/api/v1/projects', {
        code: 'DEL-PHOTO',
        name: '待删除项目',
        level: 'district',
        category: 'industry',
        regionCode: '411104',
        totalInvestment: 1,
      })
    ).json();
    const r = (await office.post('/api/v1/investment-reports', { projectId: p.id, year: 2026, month: 5, amount: 1 })).json();
    expect((await upload(office, r.id, 'a.png', PNG)).statusCode).toBe(201);
    const { rows } = await t.database.raw(
      `select storage_key from attachments where entity = 'investment_report' and entity_id = $1`,
      [r.id],
    );
    const file = storedFilePath(t.app.filesDir, String(rows[0]!.storage_key));
    expect(existsSync(file)).toBe(true);
    const current = (await office.get(`/api/v1/projects/${p.id}`)).json();
    expect((await office.delete(`/api/v1/projects/${p.id}?version=${current.version}`)).statusCode).toBe(200);
    const after = await t.database.raw(
      `select count(*)::int as n from attachments where entity = 'investment_report' and entity_id = $1`,
      [r.id],
    );
    expect(Number(after.rows[0]!.n)).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let otherUnitUser: Client;
let viewer: Client;
let otherRegionOffice: Client;
let itemId: number;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(4096, 1)]);
const PE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64, 0),
  Buffer.from('PE\0\0'),
  Buffer.alloc(2048, 0),
]);

/** A multipart/form-data body with one file part. */
function multipart(filename: string, content: Buffer, contentType = 'image/jpeg') {
  const boundary = `----kpc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (c: Client, id: number, filename: string, content: Buffer, type?: string) =>
  c.request({ method: 'POST', url: `/api/v1/ledger-items/${id}/attachments`, ...multipart(filename, content, type) });

/** Every stored file under the files directory (tmp/ included: a refused upload must leave nothing). */
function storedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? storedFiles(p) : [p];
  });
}

beforeAll(async () => {
  t = await createTestApp();
  const myUnit = await createUnit(t.database);
  const otherUnit = await createUnit(t.database);
  await ensureRegion(t.database, '411102');
  const p = await createProject(t.database, { leadUnitId: myUnit.id, cooperatingUnitIds: [otherUnit.id], stage: 'producing' });
  const u = await createUser(t.database, { roles: ['unit'], unitId: myUnit.id });
  const u2 = await createUser(t.database, { roles: ['unit'], unitId: otherUnit.id });
  const v = await createUser(t.database, { roles: ['viewer'] });
  const o2 = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  office = await login(t.app, 'office');
  unitUser = await login(t.app, u.username, FACTORY_PASSWORD);
  otherUnitUser = await login(t.app, u2.username, FACTORY_PASSWORD);
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
  otherRegionOffice = await login(t.app, o2.username, FACTORY_PASSWORD);
  const item = await office.post(`/api/v1/projects/${p.id}/ledger-items`, {
    unitId: myUnit.id,
    content: '设备调试',
    deadline: '2026-08-31',
  });
  itemId = item.json().id;
});
afterAll(async () => t?.close());

describe('evidence uploads', () => {
  it('stores a photo under a random key with its sha256 and serves it as an attachment', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await upload(unitUser, itemId, '现场照片.png', PNG, 'image/png');
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      entity: 'ledger_item',
      entityId: itemId,
      filename: '现场照片.png',
      mime: 'image/png',
      size: PNG.length,
    });
    expect(a.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const files = storedFiles(t.app.filesDir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('现场照片');

    const got = await viewer.get(`/api/v1/attachments/${a.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''%E7%8E%B0/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const list = (await viewer.get(`/api/v1/ledger-items/${itemId}/attachments`)).json();
    expect(list.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const item = (await office.get(`/api/v1/ledger-items?pageSize=200`))
      .json()
      .items.find((i: { id: number }) => i.id === itemId);
    expect(item.attachmentCount).toBe(1);
  });

  it('takes the type from the content: a JPEG named .pdf is stored as image/jpeg', async () => {
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
      Buffer.alloc(200, 0),
    ]);
    const res = await upload(unitUser, itemId, 'scan.pdf', jpeg, 'application/pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json().mime).toBe('image/jpeg');
  });

  it('refuses an executable renamed .jpg with 415 and stores nothing', async () => {
    const rows = await countRows(t.database, 'attachments');
    const files = storedFiles(t.app.filesDir).length;
    for (const exe of [ELF, PE]) {
      const res = await upload(unitUser, itemId, 'photo.jpg', exe, 'image/jpeg');
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    }
    const text = await upload(unitUser, itemId, 'notes.jpg', Buffer.from('<script>alert(1)</script>'), 'image/jpeg');
    expect(text.statusCode).toBe(415);
    expect(await countRows(t.database, 'attachments')).toBe(rows);
    expect(storedFiles(t.app.filesDir)).toHaveLength(files);
  });

  it('refuses a 25 MB file with 413: no row, no file', async () => {
    const rows = await countRows(t.database, 'attachments');
    const audits = await countRows(t.database, 'audit_log');
    const files = storedFiles(t.app.filesDir).length;
    const big = Buffer.concat([PNG, Buffer.alloc(25 * 1024 * 1024, 7)]);
    const res = await upload(unitUser, itemId, 'big.png', big, 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countRows(t.database, 'attachments')).toBe(rows);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    expect(storedFiles(t.app.filesDir)).toHaveLength(files);
  });

  it('refuses uploads from users who may not edit the item', async () => {
    expect((await upload(viewer, itemId, 'a.png', PNG)).statusCode).toBe(403);
    expect((await upload(otherUnitUser, itemId, 'a.png', PNG)).statusCode).toBe(403);
    expect((await upload(otherRegionOffice, itemId, 'a.png', PNG)).statusCode).toBe(404);
  });

  it('hides files of another region with 404 and lets only the uploader or the office delete', async () => {
    const a = (await upload(unitUser, itemId, 'del.png', PNG)).json();
    expect((await otherRegionOffice.get(`/api/v1/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.delete(`/api/v1/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await viewer.delete(`/api/v1/attachments/${a.id}`)).statusCode).toBe(403);
    expect((await otherUnitUser.delete(`/api/v1/attachments/${a.id}`)).statusCode).toBe(403);
    const before = storedFiles(t.app.filesDir).length;
    expect((await unitUser.delete(`/api/v1/attachments/${a.id}`)).statusCode).toBe(200);
    expect(storedFiles(t.app.filesDir)).toHaveLength(before - 1);
    expect((await viewer.get(`/api/v1/attachments/${a.id}`)).statusCode).toBe(404);
    const b = (await upload(unitUser, itemId, 'office-del.png', PNG)).json();
    expect((await office.delete(`/api/v1/attachments/${b.id}`)).statusCode).toBe(200);
  });

  it('removes an item’s files with the item', async () => {
    const p = (await office.get(`/api/v1/ledger-items?pageSize=200`)).json().items.find((i: { id: number }) => i.id === itemId);
    const n = (await office.get(`/api/v1/ledger-items/${itemId}/attachments`)).json().length;
    expect(n).toBeGreaterThan(0);
    const before = storedFiles(t.app.filesDir).length;
    expect((await office.delete(`/api/v1/ledger-items/${itemId}?version=${p.version}`)).statusCode).toBe(200);
    expect(storedFiles(t.app.filesDir)).toHaveLength(before - n);
    const { rows } = await t.database.raw(
      `select count(*)::int as n from attachments where entity = 'ledger_item' and entity_id = $1`,
      [itemId],
    );
    expect(rows[0]!.n).toBe(0);
  });
});

/**
 * Idempotent creates: a retried POST with the same Idempotency-Key creates nothing new and gets the
 * first answer again; the same key with another body is refused with 422; a failed request frees
 * its key; keys are per user.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let office: Client;
let url: string;
let body: { unitId: number; content: string; deadline: string };

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  const project = (await office.get('/api/v1/projects?pageSize=1')).json().items[0];
  url = `/api/v1/projects/${project.id}/ledger-items`;
  body = { unitId: project.leadUnit?.id ?? project.leadUnitId, content: '重试不重复', deadline: '2026-12-31' };
});
afterAll(async () => t?.close());

const post = (c: Client, key: string, payload: unknown, to = url) =>
  c.request({ method: 'POST', url: to, payload: payload as object, headers: { 'idempotency-key': key } });

describe('Idempotency-Key', () => {
  it('replays the first answer to a retry and creates one record', async () => {
    const key = randomUUID();
    const before = await countRows(t.database, 'ledger_items');
    const first = await post(office, key, body);
    expect(first.statusCode).toBe(201);
    const again = await post(office, key, body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countRows(t.database, 'ledger_items')).toBe(before + 1);
  });

  it('answers concurrent duplicates once', async () => {
    const key = randomUUID();
    const before = await countRows(t.database, 'ledger_items');
    const res = await Promise.all(Array.from({ length: 5 }, () => post(office, key, { ...body, content: '并发重试' })));
    expect(res.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of res) expect([201, 409]).toContain(r.statusCode);
    expect(await countRows(t.database, 'ledger_items')).toBe(before + 1);
  });

  it('refuses the same key with a different body with 422 and creates nothing', async () => {
    const key = randomUUID();
    expect((await post(office, key, body)).statusCode).toBe(201);
    const before = await countRows(t.database, 'ledger_items');
    const other = await post(office, key, { ...body, content: '另一件事' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.json().error.message).toContain('幂等键');
    expect(await countRows(t.database, 'ledger_items')).toBe(before);
  });

  it('frees the key after a refused request, so the corrected retry goes through', async () => {
    const key = randomUUID();
    const bad = await post(office, key, { ...body, deadline: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    const good = await post(office, key, { ...body, deadline: '2026-02-28' });
    expect(good.statusCode).toBe(201);
  });

  it('keeps keys per user, and refuses a malformed key', async () => {
    const key = randomUUID();
    expect((await post(office, key, body)).statusCode).toBe(201);
    const admin = await login(t.app, 'admin');
    const before = await countRows(t.database, 'ledger_items');
    const theirs = await post(admin, key, body);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    if (theirs.statusCode === 201) expect(await countRows(t.database, 'ledger_items')).toBe(before + 1);
    expect((await post(office, 'x'.repeat(201), body)).statusCode).toBe(400);
  });
});

/**
 * HTTP edges (issue 8 item 10), over a real socket where the transport matters: an oversized body
 * is always answered 413 (20 tries, with and without Expect: 100-continue); a lone surrogate is
 * refused with 400 and stores nothing; a wrong content type is 415 naming what was sent and what
 * the route takes; a broken multipart body is 400, not 500.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let office: Client;
let port: number;
let itemId: number;

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  const project = (await office.get('/api/v1/projects?pageSize=1')).json().items[0];
  const item = await office.post(`/api/v1/projects/${project.id}/ledger-items`, {
    unitId: project.leadUnit?.id ?? project.leadUnitId,
    content: '边界测试',
    deadline: '2026-12-31',
  });
  itemId = item.json().id;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => t?.close());

/** Sends `size` bytes and resolves with the status, or the socket error's code. */
function send(path: string, size: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'content-length': String(size) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    if (headers.expect) req.on('continue', () => req.end(Buffer.alloc(size, 0x61)));
    else req.end(Buffer.alloc(size, 0x61));
  });
}

describe('oversized bodies', () => {
  it('answers 413 every time, never a reset connection', { timeout: 60_000 }, async () => {
    const auth = { cookie: office.cookie, 'x-csrf-token': office.csrfToken };
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      answers.push(
        await send(`/api/v1/ledger-items/${itemId}`, 17 * 1024 * 1024, { ...auth, 'content-type': 'application/json' }),
      );
      answers.push(
        await send(`/api/v1/ledger-items/${itemId}`, 17 * 1024 * 1024, {
          ...auth,
          'content-type': 'application/json',
          expect: '100-continue',
        }),
      );
    }
    expect(answers).toEqual(Array(20).fill('413'));
  });
});

describe('malformed text', () => {
  it('refuses a lone surrogate with 400 naming the field, and changes nothing', async () => {
    const before = await countRows(t.database, 'ledger_items');
    const project = (await office.get('/api/v1/projects?pageSize=1')).json().items[0];
    const res = await office.request({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/ledger-items`,
      headers: { 'content-type': 'application/json' },
      payload: `{"unitId":${project.leadUnit?.id ?? project.leadUnitId},"content":"坏\\ud800字","deadline":"2026-12-31"}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'content', message: expect.stringContaining('代理项') }]);
    expect(await countRows(t.database, 'ledger_items')).toBe(before);
    // a real pair (an emoji) is fine
    const ok = await office.post(`/api/v1/projects/${project.id}/ledger-items`, {
      unitId: project.leadUnit?.id ?? project.leadUnitId,
      content: '完成 ✅ 😀',
      deadline: '2026-12-31',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().content).toBe('完成 ✅ 😀');
  });
});

describe('content types', () => {
  it('names the content type sent and the one expected', async () => {
    const form = await office.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(form.json().error.message).toBe('不支持的请求内容类型 application/x-www-form-urlencoded，请使用 application/json');

    const jsonUpload = await office.post(`/api/v1/ledger-items/${itemId}/attachments`, { file: 'x' });
    expect(jsonUpload.statusCode).toBe(415);
    expect(jsonUpload.json().error.details).toEqual({ contentType: 'application/json', expected: 'multipart/form-data' });
  });

  it('answers a broken multipart body with 400, not 500', async () => {
    const res = await office.request({
      method: 'POST',
      url: `/api/v1/ledger-items/${itemId}/attachments`,
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});

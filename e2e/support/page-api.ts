/** Calls the API from inside a page, with the page's session cookie (and its CSRF token on writes). */
import type { Page } from 'playwright-core';

/** A GET that must succeed; its JSON. */
export async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error(`${u}: ${res.status}`);
    return res.json();
  }, url) as Promise<T>;
}

/** Any call; its status and JSON (null when the body is not JSON). */
export async function apiFromPage<T = unknown>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await fetch('/api/v1/auth/me').then((r) => r.json());
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { method, url, body },
  ) as Promise<{ status: number; json: T }>;
}

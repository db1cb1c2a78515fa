/**
 * Group robots 群机器人: the markdown message each kind takes and how it is posted. DingTalk signs every post
 * (加签): `timestamp` (ms) and `sign` = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))) on
 * the URL; WeCom's key is in its URL. Both answer `{ errcode: 0 }` on success; anything else is a failure.
 */
import { createHmac } from 'node:crypto';
import type { RobotKind } from '@kpc/contracts';

export interface RobotMessage {
  title: string;
  /** Markdown. */
  text: string;
}

export function robotPayload(kind: RobotKind, m: RobotMessage): Record<string, unknown> {
  return kind === 'dingtalk'
    ? { msgtype: 'markdown', markdown: { title: m.title, text: m.text } }
    : { msgtype: 'markdown', markdown: { content: m.text } };
}

export const dingtalkSign = (secret: string, timestamp: number): string =>
  createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');

/** The address a post goes to: DingTalk's with the signature when the robot has a secret. */
export function postUrl(robot: { kind: RobotKind; url: string; secret: string | null }, now: Date): string {
  if (robot.kind !== 'dingtalk' || !robot.secret) return robot.url;
  const timestamp = now.getTime();
  const sep = robot.url.includes('?') ? '&' : '?';
  return `${robot.url}${sep}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(robot.secret, timestamp))}`;
}

function parseJson(text: string): { errcode?: unknown; errmsg?: unknown } | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as { errcode?: unknown; errmsg?: unknown }) : null;
  } catch {
    return null; // not JSON: reported with the status
  }
}

/** Posts one message; resolves to null on `{ errcode: 0 }`, else to why it failed (never throws). */
export async function postToRobot(
  robot: { kind: RobotKind; url: string; secret: string | null },
  payload: unknown,
  now: Date,
  timeoutMs: number,
): Promise<string | null> {
  try {
    const res = await fetch(postUrl(robot, now), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await res.text();
    const body = parseJson(text);
    if (res.ok && body?.errcode === 0) return null;
    const what = body && 'errcode' in body ? `errcode ${String(body.errcode)} ${String(body.errmsg ?? '')}` : text.slice(0, 200);
    return `HTTP ${res.status}: ${what}`.trim();
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
    return `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
  }
}

/** The address with its token / key shown only by its first 4 characters: an admin screen never shows the secret part. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const [k, v] of u.searchParams) u.searchParams.set(k, v.length > 4 ? `${v.slice(0, 4)}****` : '****');
    return u.toString().replace(/%2A/g, '*');
  } catch {
    return '****';
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { robotText } from '../../commands/notify.js';
import { backoffMs, OUTBOX } from './outbox-sender.js';
import { dingtalkSign, maskedUrl, postUrl, robotPayload } from './webhooks.js';

const SECRET = 'SECb5b1a7e2d3c4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';
const TS = 1764806400000;

describe('DingTalk signing', () => {
  it('is base64(HMAC-SHA256(secret, timestamp + "\\n" + secret)), as computed independently', () => {
    expect(dingtalkSign(SECRET, TS)).toBe('k4k2QesHriz1EkGbueV4GzVxSDpwn3eisF6vk/dY3Ng=');
  });

  it('puts the timestamp and the URL-encoded sign on the robot address', () => {
    const url = postUrl(
      { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: SECRET },
      new Date(TS),
    );
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${TS}&sign=k4k2QesHriz1EkGbueV4GzVxSDpwn3eisF6vk%2FdY3Ng%3D`,
    );
  });

  it('leaves a robot without a secret, and WeCom, unsigned', () => {
    const wecom = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k';
    expect(postUrl({ kind: 'wecom', url: wecom, secret: null }, new Date(TS))).toBe(wecom);
    expect(postUrl({ kind: 'dingtalk', url: 'https://x/robot?access_token=a', secret: null }, new Date(TS))).toBe(
      'https://x/robot?access_token=a',
    );
  });
});

describe('robot messages', () => {
  it('are markdown in the shape each kind takes', () => {
    const m = { title: '预警', text: '### 预警' };
    expect(robotPayload('dingtalk', m)).toEqual({ msgtype: 'markdown', markdown: { title: '预警', text: '### 预警' } });
    expect(robotPayload('wecom', m)).toEqual({ msgtype: 'markdown', markdown: { content: '### 预警' } });
  });

  it('carry the zh-CN title and body, one paragraph per line, and where to look', () => {
    const text = robotText({
      title: { 'zh-CN': '预警提示', en: 'Warning' },
      body: { 'zh-CN': '节点滞后 21 天\n投资落后', en: 'x' },
      link: '/projects/7',
    });
    expect(text).toBe('### 预警提示\n\n节点滞后 21 天\n\n投资落后\n\n> 详见重点项目调度督办平台：/projects/7');
  });

  it('never show the token or key of an address on the admin screen', () => {
    expect(maskedUrl('https://oapi.dingtalk.com/robot/send?access_token=abcdef123456')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abcd****',
    );
    expect(maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).not.toContain('91f6-7xxx');
  });
});

describe('the outbox backoff', () => {
  it('starts at 30 s, doubles, never shrinks and is capped at an hour', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([30_000, 60_000, 120_000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
        expect(backoffMs(n + 1)).toBeGreaterThanOrEqual(backoffMs(n));
        expect(backoffMs(n)).toBeLessThanOrEqual(OUTBOX.maxBackoffMs);
      }),
    );
  });
});

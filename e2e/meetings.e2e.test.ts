/**
 * Meetings in a real browser: the office records a weekly meeting (through the API), with two projects on
 * its agenda, two decisions (one past its deadline) and a problem raised; the meeting screen shows the
 * decisions table with the overdue one marked, the decision list highlights it, the new-meeting dialog
 * proposes the agenda, and the minutes download as a .docx. The same meeting on a phone is cards, with no
 * horizontal scroll. Screenshots at 1440×900 and 390×844.
 */
import { describe, expect, it } from 'vitest';
import type { Meeting, MeetingSeries } from '@kpc/contracts';
import { newPage, screenshot } from './support/browser.js';
import { apiFromPage, getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('a meeting with its decisions', () => {
  let meetingId = 0;

  it('shows the decisions table, the overdue one marked, and downloads the minutes (1440×900)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'nav-meetings');
    const projects = (
      await getJson<{ items: { id: number; name: string; leadUnitId: number | null }[] }>(page, '/api/v1/projects?pageSize=5')
    ).items;
    const units = (await getJson<{ items: { id: number; name: string }[] }>(page, '/api/v1/units?pageSize=200')).items;
    const leaders = (await getJson<{ items: { id: number; name: string }[] }>(page, '/api/v1/leaders?pageSize=200')).items;
    const series = await apiFromPage<MeetingSeries>(page, 'POST', '/api/v1/meeting-series', {
      name: `E2E 项目建设周例会 ${Date.now()}`, // a retry makes a series of its own
      chairLeaderId: leaders[0]!.id,
    });
    expect(series.status).toBe(201);
    const created = await apiFromPage<Meeting>(page, 'POST', '/api/v1/meetings', {
      kind: 'weekly',
      seriesId: series.json.id,
      title: 'E2E 项目建设周例会（第1期）',
      date: today(),
      time: '09:30',
      place: '区政府三楼会议室',
      chairLeaderId: leaders[0]!.id,
      attendeeLeaderIds: [leaders[1]!.id],
      attendeeUnitIds: [units[0]!.id, units[1]!.id],
      attendeePeople: ['区重点办 王明'],
      status: 'held',
      minutes: '会议听取了重点项目推进情况汇报，研究解决了项目建设中的困难和问题。',
      agenda: [
        { projectId: projects[0]!.id, reasons: ['manual'], notes: '土地摘牌进度滞后，自然资源局加快办理。' },
        { projectId: projects[1]!.id, reasons: ['manual'], notes: '施工图审查已完成，下周进场施工。' },
      ],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    meetingId = created.json.id;
    for (const d of [
      {
        content: '完成土地摘牌并办理不动产权证',
        projectId: projects[0]!.id,
        unitId: units[0]!.id,
        ownerName: '王建国',
        deadline: shift(-5),
      },
      {
        content: '协调供电公司完成临时用电接入',
        projectId: projects[1]!.id,
        unitId: units[1]!.id,
        ownerName: '刘洋',
        deadline: shift(20),
      },
    ])
      expect((await apiFromPage(page, 'POST', `/api/v1/meetings/${meetingId}/decisions`, d)).status).toBe(201);
    expect(
      (
        await apiFromPage(page, 'POST', `/api/v1/meetings/${meetingId}/problems`, {
          problems: [{ projectId: projects[0]!.id, category: 'land', description: '用地指标未落实', unitId: units[0]!.id }],
        })
      ).status,
    ).toBe(201);

    await page.goto(`/meetings/${meetingId}`);
    await page.getByText('完成土地摘牌并办理不动产权证').waitFor();
    await page.getByTestId('decision-state-overdue').waitFor();
    expect(await page.getByTestId('decision-state-open').count()).toBe(1);
    await screenshot(page, 'meetings-meeting-1440');
    await page.getByTestId('decision-add').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(300);
    await screenshot(page, 'meetings-meeting-decisions-1440');

    const minutes = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/meetings/${id}/minutes.docx`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b };
    }, meetingId);
    expect(minutes).toMatchObject({ status: 200, zip: true });
    expect(minutes.type).toContain('wordprocessingml');

    // The demo data holds many open decisions: the meeting's link lists only its own.
    await page.goto(`/decisions?meetingId=${meetingId}`);
    await page.getByText('协调供电公司完成临时用电接入').waitFor();
    const overdueRow = page.locator('tr', { hasText: '完成土地摘牌并办理不动产权证' });
    expect(await overdueRow.evaluate((tr) => getComputedStyle(tr).backgroundColor)).toBe('rgb(255, 241, 240)');
    await screenshot(page, 'meetings-decisions-1440');

    await page.goto('/meetings');
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('proposal-item').first().waitFor();
    await page.waitForTimeout(600); // the dialog's opening animation
    await screenshot(page, 'meetings-new-proposal-1440');
    await page.context().close();
  });

  it('shows the meeting as cards on a phone, with no horizontal scroll (390×844)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'office');
    await page.goto(`/meetings/${meetingId}`);
    await page.getByText('完成土地摘牌并办理不动产权证').waitFor();
    expect(await page.getByTestId('decision-card').count()).toBe(2);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);
    await screenshot(page, 'meetings-meeting-390');
    await page.getByTestId('decision-card').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'meetings-decisions-390');
    await page.goto('/decisions');
    await page.getByTestId('decision-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });
});

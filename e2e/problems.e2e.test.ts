/**
 * The problem board 问题看板 at 1440×900 and 390×844: problems built through the API land in their
 * status columns; the office resolves one from its drawer and it moves to 已解决; the phone shows the
 * columns stacked as cards with nothing scrolling sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { apiFromPage, getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

interface Made {
  id: number;
  version: number;
}

/** Marks this run's problems, so a retry of the test does not meet the first try's (at the front: long texts are cut at the end). */
const run = Date.now().toString(36);

async function buildProblems(page: Page): Promise<{ toResolve: string }> {
  const projects = (await getJson<{ items: { id: number; leadUnitId: number | null }[] }>(page, '/api/v1/projects?pageSize=6'))
    .items;
  const leaders = (await getJson<{ items: { id: number }[] }>(page, '/api/v1/leaders?pageSize=5')).items;
  const units = (await getJson<{ items: { id: number }[] }>(page, '/api/v1/units?pageSize=5')).items;
  const base = [
    ['land', '用地指标未落实，影响土地摘牌', '2026-01-15'],
    ['funding', '配套资金缺口 3000 万元', '2026-12-31'],
    ['utilities', '天然气管道未接入厂区', '2027-03-31'],
    ['permit', '施工许可证待审批', '2027-02-28'],
    ['demolition', '3 户征迁补偿未谈妥', '2027-01-31'],
    ['environment', '环评批复待市局下达', '2027-04-30'],
    ['planning', '规划条件未确定', '2027-05-31'],
  ] as const;
  const made: Made[] = [];
  for (const [i, [category, description, deadline]] of base.entries()) {
    const p = projects[i % projects.length]!;
    const res = await apiFromPage<Made>(page, 'POST', '/api/v1/problems', {
      projectId: p.id,
      category,
      source: i % 2 ? 'meeting' : 'superior_feedback',
      description: `${run}【E2E】${description}`,
      unitId: units[i % units.length]!.id,
      leaderId: leaders[0]!.id,
      deadline,
    });
    expect(res.status).toBe(201);
    made.push(res.json);
  }
  const step = async (m: Made, action: string, body: Record<string, unknown> = {}) => {
    const res = await apiFromPage<Made>(page, 'POST', `/api/v1/problems/${m.id}/${action}`, { version: m.version, ...body });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    Object.assign(m, res.json);
  };
  await step(made[1]!, 'start');
  await step(made[2]!, 'resolve', { resolution: '燃气公司已接通' });
  await step(made[3]!, 'resolve', { resolution: '并联审批已办结' });
  await step(made[3]!, 'verify');
  await step(made[4]!, 'escalate', { toLeaderId: leaders[1]!.id, reason: '涉及多部门，需区长协调' });
  return { toResolve: `${run}【E2E】规划条件未确定` };
}

const columnCount = async (page: Page, status: string) =>
  Number((await page.getByTestId(`problem-column-${status}`).locator('.ant-badge-count').first().innerText()).replace(/\D/g, ''));

describe('the problem board', () => {
  it('shows the problems by status at 1440×900, and one resolved from its drawer moves to 已解决', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office');
    const { toResolve } = await buildProblems(page);
    await page.goto('/problems');
    await settled(page);
    await expect.poll(() => page.getByTestId('problem-card').filter({ hasText: run }).count()).toBeGreaterThanOrEqual(7);
    for (const s of ['open', 'in_progress', 'resolved', 'verified', 'escalated'])
      expect(await page.getByTestId(`problem-column-${s}`).getByTestId('problem-card').count(), s).toBeGreaterThan(0);
    // the one past its deadline is marked overdue
    expect(await page.getByTestId('problem-column-open').getByTestId('problem-overdue').count()).toBeGreaterThan(0);
    await screenshot(page, 'problems-board-1440');

    const resolvedBefore = await columnCount(page, 'resolved');
    await page.getByTestId('problem-column-open').getByTestId('problem-card').filter({ hasText: toResolve }).click();
    await page.getByTestId('problem-resolve').click();
    await page.getByTestId('problem-step-text').fill('协调规划局出具规划条件');
    await screenshot(page, 'problems-drawer-1440');
    await page.getByTestId('problem-resolve').click();
    await expect.poll(() => page.getByTestId('problem-verify').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => columnCount(page, 'resolved')).toBe(resolvedBefore + 1);
    expect(
      await page.getByTestId('problem-column-resolved').getByTestId('problem-card').filter({ hasText: toResolve }).count(),
    ).toBe(1);

    // the list view with the overdue filter
    await page.getByTestId('problems-view').getByText('列表').click();
    await page.getByTestId('problems-filter-overdue').click();
    // the demo data has many overdue problems: narrow to land ones so this run's is on the first page
    await chooseOption(page, page.getByTestId('problems-filter-category'), '土地');
    await settled(page);
    await expect
      .poll(() =>
        page
          .locator('.ant-table-row')
          .filter({ hasText: `${run}【E2E】用地指标未落实` })
          .count(),
      )
      .toBe(1);
    await screenshot(page, 'problems-list-overdue-1440');
    await page.context().close();
  });

  it('stacks the columns as cards on a 390×844 phone, nothing scrolling sideways', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'office');
    await page.goto('/problems');
    await settled(page);
    await expect.poll(() => page.getByTestId('problem-card').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.ant-table').count()).toBe(0);
    await screenshot(page, 'problems-board-390');
    await page.context().close();
  });

  it('lets a unit answer a leader instruction on the phone, and the leader accept it', async () => {
    const leader = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(leader, 'leader1');
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'unit1');
    const me = (p: Page) => getJson<{ user: { unitId: number | null; leaderId: number | null } }>(p, '/api/v1/auth/me');
    const unitId = (await me(phone)).user.unitId!;
    const project = (await getJson<{ items: { id: number }[] }>(leader, '/api/v1/projects?pageSize=1')).items[0]!;
    const issued = await apiFromPage<{ id: number }>(leader, 'POST', '/api/v1/instructions', {
      subjectType: 'project',
      subjectId: project.id,
      text: '【E2E】请一周内报送用地报批进展',
      unitId,
      replyDeadline: '2027-12-31',
    });
    expect(issued.status, JSON.stringify(issued.json)).toBe(201);

    await phone.goto('/instructions');
    await settled(phone);
    const card = phone.getByTestId('instruction-card').filter({ hasText: '【E2E】请一周内报送' });
    await card.getByTestId('instruction-text').fill('已完成组卷，7 日内报市局');
    await card.getByTestId('instruction-reply').click();
    await expect.poll(() => phone.getByTestId('instruction-card').filter({ hasText: '【E2E】请一周内报送' }).count()).toBe(0);
    await phone.getByTestId('instructions-box').getByText('全部').click();
    await settled(phone);
    await expect.poll(() => phone.getByTestId('instruction-card').filter({ hasText: '已完成组卷' }).count()).toBe(1);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'instructions-replied-390');

    await leader.goto('/instructions');
    await settled(leader);
    const mine = leader.getByTestId('instruction-card').filter({ hasText: '【E2E】请一周内报送' });
    await mine.getByTestId('instruction-accept').click();
    await expect.poll(() => leader.getByTestId('instruction-card').filter({ hasText: '【E2E】请一周内报送' }).count()).toBe(0);
    const after = await getJson<{ status: string }>(leader, `/api/v1/instructions/${issued.json.id}`);
    expect(after.status).toBe('accepted');
    await leader.context().close();
    await phone.context().close();
  });
});

/**
 * The project library in a real browser: the office creates, finds, and edits a project; a unit
 * user cannot open another unit's project (outside its read scope, ADR 0009: the not-found screen) and
 * the API refuses the write with 404.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { apiFromPage } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

/** Picks an option of an antd Select by its visible label. */
function choose(page: Page, selectTestIdOrFieldId: { testId?: string; id?: string }, label: string): Promise<void> {
  const field = selectTestIdOrFieldId.testId
    ? page.getByTestId(selectTestIdOrFieldId.testId)
    : page.locator(`.ant-select:has(#${selectTestIdOrFieldId.id})`);
  return chooseOption(page, field, label);
}

async function openProjectList(page: Page): Promise<void> {
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-filter-q').waitFor();
}

async function searchByText(page: Page, text: string): Promise<void> {
  // antd puts the test id on the Input.Search wrapper or on the input itself, depending on version
  const q = page.locator('input[data-testid="project-filter-q"], [data-testid="project-filter-q"] input').first();
  await q.fill(text);
  await q.press('Enter');
}

/** Opens a project's detail page from its row in the list. */
async function openFromRow(page: Page, code: string): Promise<void> {
  const row = page.getByTestId(`project-row-${code}`);
  const link = row.getByRole('link');
  if ((await link.count()) > 0) await link.first().click();
  else await row.dblclick();
  await page.getByTestId('project-detail-name').waitFor();
}

interface ProjectRow {
  id: number;
  code: string;
  name: string;
  version: number;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
}

describe('project library in the browser', () => {
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const name = `E2E 智能装备产业园 ${code}`;
  const renamed = `${name}（二期）`;

  it('office creates a project, finds it with the filters, edits it and sees the change', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl });
    await logIn(page, 'office', 'nav-projects');
    await screenshot(page, 'office-home');

    await openProjectList(page);
    await screenshot(page, 'office-project-list');

    await page.getByTestId('project-new').click();
    await page.locator('#project_code').fill(code);
    await page.locator('#project_name').fill(name);
    await choose(page, { id: 'project_level' }, '区重点');
    await choose(page, { id: 'project_category' }, '工业');
    await page.locator('#project_totalInvestment').fill('12000'); // 万元
    await screenshot(page, 'office-project-new');
    await page.getByTestId('project-form-submit').click();
    await expect.poll(() => page.getByTestId('project-detail-name').textContent()).toContain(name);
    await screenshot(page, 'office-project-created');

    // The list filters find it: text, level and stage together; a level it does not have hides it.
    await openProjectList(page);
    await searchByText(page, code);
    await choose(page, { testId: 'project-filter-level' }, '区重点');
    await choose(page, { testId: 'project-filter-stage' }, '谋划');
    await page.getByTestId(`project-row-${code}`).waitFor();
    await screenshot(page, 'office-project-filtered');
    await choose(page, { testId: 'project-filter-level' }, '省重点');
    await page.getByTestId(`project-row-${code}`).waitFor({ state: 'detached' });
    await choose(page, { testId: 'project-filter-level' }, '区重点');

    await openFromRow(page, code);
    await page.getByTestId('project-edit').click();
    await page.locator('#project_name').fill(renamed);
    await page.getByTestId('project-form-submit').click();
    await expect.poll(() => page.getByTestId('project-detail-name').textContent()).toContain(renamed);
    await screenshot(page, 'office-project-edited');

    // The change is stored, not only shown: a reload reads it back from the server.
    await page.reload();
    await expect.poll(() => page.getByTestId('project-detail-name').textContent()).toContain(renamed);
    await page.context().close();
  });

  it('unit1 cannot open another unit’s project (the not-found screen), and the API answers 404 to the write', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl });
    await logIn(page, 'unit1', 'nav-projects');

    const me = (await apiFromPage(page, 'GET', '/api/v1/auth/me')).json as { user: { unitId: number } };
    const list = (await apiFromPage(page, 'GET', '/api/v1/projects?pageSize=200')).json as { items: ProjectRow[] };
    const mine = (p: ProjectRow) => p.leadUnitId === me.user.unitId || p.cooperatingUnitIds.includes(me.user.unitId);
    const own = list.items.find(mine);
    expect(own, 'demo data: unit1 leads or co-leads some project').toBeDefined();
    // unit1 reads only its own unit's projects (ADR 0009)
    expect(list.items.every(mine)).toBe(true);

    // the office finds a demo project that another unit leads (not one the office test created without units)
    const officePage = await newPage(suite.browser, { baseURL: suite.server.baseUrl });
    await logIn(officePage, 'office');
    const all = (await apiFromPage(officePage, 'GET', '/api/v1/projects?pageSize=200')).json as { items: ProjectRow[] };
    const other = all.items.find((p) => p.leadUnitId !== null && !mine(p));
    expect(other, 'demo data: another unit leads some project').toBeDefined();
    await officePage.context().close();

    // Its own unit's project: the edit button is there.
    await openProjectList(page);
    await searchByText(page, own!.code);
    await openFromRow(page, own!.code);
    await page.getByTestId('project-edit').waitFor();

    // Another unit's project is not in its list, and its address shows the not-found screen, no edit button.
    await openProjectList(page);
    await searchByText(page, other!.code);
    await page.locator('.ant-empty').first().waitFor();
    expect(await page.getByTestId(`project-row-${other!.code}`).count()).toBe(0);
    await page.goto(`/projects/${other!.id}`);
    await page.locator('.ant-result-404').waitFor();
    expect(await page.getByTestId('project-detail-name').count()).toBe(0);
    expect(await page.getByTestId('project-edit').count()).toBe(0);
    await screenshot(page, 'unit1-other-unit-project');

    const refused = await apiFromPage(page, 'PATCH', `/api/v1/projects/${other!.id}`, {
      version: other!.version,
      name: 'unit1 was here',
    });
    expect(refused.status).toBe(404);
    expect(refused.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await apiFromPage(page, 'GET', `/api/v1/projects/${other!.id}`)).status).toBe(404);
    await page.context().close();
  });
});

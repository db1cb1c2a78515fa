import { describe, expect, it } from 'vitest';
import { constructionNature, upwardRow, upwardTotals, type UpwardProjectFacts } from './upward-report.js';

const facts = (over: Partial<UpwardProjectFacts> = {}): UpwardProjectFacts => ({
  projectId: 1,
  code: 'P1',
  name: '项目一',
  districtName: '召陵区',
  location: '老窝镇',
  level: 'provincial',
  category: 'industry',
  stage: 'building',
  actualStartDate: '2025-03-01',
  plannedCompletionDate: null,
  totalInvestment: 500_000_000,
  annualPlan: 120_000_000,
  monthCompleted: 10_000_000,
  yearToDate: 60_000_000,
  imageProgress: '主体封顶',
  openProblems: [],
  colour: 'green',
  leadUnitName: '工信局',
  leaderName: '张三',
  enterpriseName: null,
  ...over,
});

describe('upward report rows', () => {
  it('calls a project started before the year continuing 续建 and any other new 新建', () => {
    expect(constructionNature('2025-12-31', 2026)).toBe('续建');
    expect(constructionNature('2026-01-01', 2026)).toBe('新建');
    expect(constructionNature(null, 2026)).toBe('新建');
  });

  it('writes the columns of a template in order, money in yuan, open problems numbered', () => {
    const row = upwardRow(
      ['index', 'name', 'nature', 'level', 'yearToDate', 'completionRate', 'openProblems', 'colour'],
      facts({ openProblems: ['用地未落实', '电力未接入'] }),
      3,
      2026,
    );
    expect(row).toEqual([3, '项目一', '续建', '省重点', 60_000_000, 0.5, '1. 用地未落实\n2. 电力未接入', '绿']);
  });

  it('sums money exactly and takes the rate of the sums, not the mean of the rates', () => {
    const list = [facts(), facts({ annualPlan: null, yearToDate: 40_000_000, totalInvestment: 1 })];
    expect(upwardTotals(['index', 'name', 'location', 'totalInvestment', 'yearToDate', 'completionRate'], list)).toEqual([
      '合计',
      '共 2 个项目',
      null,
      500_000_001,
      100_000_000,
      100_000_000 / 120_000_000,
    ]);
  });
});

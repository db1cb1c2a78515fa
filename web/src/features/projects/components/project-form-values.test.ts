import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { createProjectBody, updateProjectBody, type ProjectDetail } from '@kpc/contracts';
import { formValuesToBody, projectToFormValues } from './project-form-values';

const detail: ProjectDetail = {
  id: 7,
  code: 'ZL-2026-007',
  name: '食品包装新材料产业园项目',
  level: 'municipal',
  category: 'industry',
  industryChain: null,
  enterpriseId: 3,
  enterpriseName: '某企业',
  regionCode: '411104003',
  regionName: '东城街道',
  location: null,
  lat: null,
  lng: null,
  totalInvestment: 500_000_000,
  firstPhaseInvestment: 123_456_789,
  contractDate: '2026-03-08',
  plannedStartDate: null,
  actualStartDate: null,
  plannedCompletionDate: null,
  actualCompletionDate: null,
  plannedCommissioningDate: null,
  actualCommissioningDate: null,
  targetOutputValue: null,
  targetTax: null,
  contacts: [{ name: '张三', phone: null, role: null }],
  tags: ['签约'],
  stage: 'started',
  leaderId: 2,
  leaderName: '赵文斌',
  leadUnitId: 4,
  leadUnitName: '东城街道办事处',
  cooperatingUnitIds: [5],
  description: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  taskForce: [{ id: 1, name: '李四', post: 'head', unitId: null, userId: null, phone: null, duty: null }],
  transitions: [],
  permissions: { edit: true, delete: true, transition: true, rollback: true, proposeStage: false },
};

describe('project form values', () => {
  it('turns a loaded project back into the same fields, money exact', () => {
    const body = formValuesToBody(projectToFormValues(detail));
    const parsed = updateProjectBody.parse({ version: detail.version, ...body });
    expect(parsed.totalInvestment).toBe(500_000_000);
    expect(parsed.firstPhaseInvestment).toBe(123_456_789);
    expect(parsed.contractDate).toBe('2026-03-08');
    expect(parsed.taskForce).toEqual([{ name: '李四', post: 'head', unitId: null, phone: null, duty: null }]);
  });

  it('builds a create body the contracts accept, with blanks as null', () => {
    const body = formValuesToBody({
      code: ' ZL-NEW ',
      name: '新项目',
      level: 'district',
      category: 'services',
      regionCode: '411104',
      totalInvestment: '0.29',
      firstPhaseInvestment: '',
      location: '   ',
      contractDate: dayjs('2026-05-01'),
      taskForce: [{ name: '王五', post: 'liaison', phone: '' }],
    });
    const parsed = createProjectBody.parse(body);
    expect(parsed.code).toBe('ZL-NEW');
    expect(parsed.totalInvestment).toBe(2_900);
    expect(parsed.firstPhaseInvestment).toBeNull();
    expect(parsed.location).toBeNull();
    expect(parsed.taskForce?.[0]?.phone).toBeNull();
  });

  it('lets the schema name the field when total investment is missing or malformed', () => {
    for (const totalInvestment of ['', '1.23456']) {
      const r = createProjectBody.safeParse(
        formValuesToBody({
          code: 'X',
          name: 'Y',
          level: 'district',
          category: 'industry',
          regionCode: '411104',
          totalInvestment,
        }),
      );
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('totalInvestment');
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { AccessActor, ProjectAccessScope } from './access.js';
import {
  allowedProblemActions,
  canDoProblemAction,
  canReadProblem,
  canReplyInstruction,
  daysOpen,
  isAllowedProblemTransition,
  isInstructionOverdue,
  isProblemOverdue,
  type ProblemAccessScope,
} from './problems.js';

const actor = (o: Partial<AccessActor>): AccessActor => ({
  id: 1,
  roles: [],
  regionCode: '411104',
  unitId: null,
  enterpriseId: null,
  leaderId: null,
  ...o,
});
const project: ProjectAccessScope = {
  regionCode: '411104',
  leadUnitId: 10,
  cooperatingUnitIds: [],
  enterpriseId: null,
  leaderId: 5,
};
const problem = (o: Partial<ProblemAccessScope> = {}): ProblemAccessScope => ({
  status: 'open',
  unitId: 20,
  leaderId: 7,
  escalatedToLeaderId: null,
  ...o,
});

describe('daysOpen', () => {
  it('counts calendar days to today while unresolved, to the resolution day after', () => {
    expect(daysOpen({ raisedOn: '2026-03-01', resolvedOn: null }, '2026-03-11')).toBe(10);
    expect(daysOpen({ raisedOn: '2026-03-01', resolvedOn: '2026-03-04' }, '2026-12-31')).toBe(3);
    expect(daysOpen({ raisedOn: '2025-12-31', resolvedOn: null }, '2026-01-01')).toBe(1);
    expect(daysOpen({ raisedOn: '2026-03-01', resolvedOn: null }, '2026-03-01')).toBe(0);
  });
});

describe('isProblemOverdue', () => {
  it('is overdue from the day after the deadline while open, in progress or escalated', () => {
    for (const status of ['open', 'in_progress', 'escalated'] as const) {
      expect(isProblemOverdue({ status, deadline: '2026-03-31' }, '2026-03-31')).toBe(false);
      expect(isProblemOverdue({ status, deadline: '2026-03-31' }, '2026-04-01')).toBe(true);
    }
  });
  it('is never overdue once resolved or verified, or without a deadline', () => {
    expect(isProblemOverdue({ status: 'resolved', deadline: '2026-01-01' }, '2026-04-01')).toBe(false);
    expect(isProblemOverdue({ status: 'verified', deadline: '2026-01-01' }, '2026-04-01')).toBe(false);
    expect(isProblemOverdue({ status: 'open', deadline: null }, '2026-04-01')).toBe(false);
  });
});

describe('the status machine', () => {
  it('runs open → in_progress → resolved → verified, escalates from any open state', () => {
    expect(allowedProblemActions('open')).toEqual(['start', 'resolve', 'escalate']);
    expect(allowedProblemActions('in_progress')).toEqual(['resolve', 'escalate']);
    expect(allowedProblemActions('escalated')).toEqual(['start', 'resolve', 'escalate']);
    expect(allowedProblemActions('resolved')).toEqual(['verify', 'reopen']);
    expect(allowedProblemActions('verified')).toEqual([]);
    expect(isAllowedProblemTransition('open', 'verify')).toBe(false);
    expect(isAllowedProblemTransition('verified', 'escalate')).toBe(false);
  });
});

describe('who may do what', () => {
  const office = actor({ roles: ['office'] });
  const supervisor = actor({ roles: ['supervisor'] });
  const ownUnit = actor({ roles: ['unit'], unitId: 20 });
  const otherUnit = actor({ roles: ['unit'], unitId: 10 });
  const coordinator = actor({ roles: ['leader'], leaderId: 7 });
  const viewer = actor({ roles: ['viewer'] });
  const elsewhere = actor({ roles: ['office'], regionCode: '411102' });

  it('lets only the office or the supervisor verify', () => {
    const resolved = problem({ status: 'resolved' });
    expect(canDoProblemAction(office, project, resolved, 'verify')).toBe(true);
    expect(canDoProblemAction(supervisor, project, resolved, 'verify')).toBe(true);
    for (const a of [ownUnit, coordinator, viewer, elsewhere])
      expect(canDoProblemAction(a, project, resolved, 'verify')).toBe(false);
  });
  it('lets the coordinating leader resolve and escalate, the own unit resolve but not escalate', () => {
    expect(canDoProblemAction(coordinator, project, problem(), 'resolve')).toBe(true);
    expect(canDoProblemAction(coordinator, project, problem(), 'escalate')).toBe(true);
    expect(canDoProblemAction(ownUnit, project, problem(), 'resolve')).toBe(true);
    expect(canDoProblemAction(ownUnit, project, problem(), 'escalate')).toBe(false);
    expect(canDoProblemAction(otherUnit, project, problem(), 'resolve')).toBe(false);
    expect(canDoProblemAction(actor({ roles: ['leader'], leaderId: 8 }), project, problem(), 'resolve')).toBe(false);
    // the higher leader it went to takes it over
    const up = problem({ status: 'escalated', escalatedToLeaderId: 8 });
    expect(canDoProblemAction(actor({ roles: ['leader'], leaderId: 8 }), project, up, 'resolve')).toBe(true);
  });
  it('lets the responsible unit and the coordinating leader read it on a project not theirs', () => {
    expect(canReadProblem(ownUnit, project, problem())).toBe(true);
    expect(canReadProblem(coordinator, project, problem())).toBe(true);
    expect(canReadProblem(actor({ roles: ['unit'], unitId: 99 }), project, problem())).toBe(false);
    expect(canReadProblem(actor({ roles: ['unit'], unitId: 20, regionCode: '411102' }), project, problem())).toBe(false);
  });
});

describe('instructions', () => {
  const i = { regionCode: '411104', leaderId: 7, unitId: 20, status: 'open' as const };
  it('are answered only by the addressed unit, while no reply waits', () => {
    expect(canReplyInstruction(actor({ roles: ['unit'], unitId: 20 }), i)).toBe(true);
    expect(canReplyInstruction(actor({ roles: ['unit'], unitId: 21 }), i)).toBe(false);
    expect(canReplyInstruction(actor({ roles: ['unit'], unitId: 20 }), { ...i, status: 'replied' })).toBe(false);
    expect(canReplyInstruction(actor({ roles: ['unit'], unitId: 20 }), { ...i, status: 'returned' })).toBe(true);
  });
  it('are overdue past the deadline until a reply is accepted', () => {
    expect(isInstructionOverdue({ status: 'replied', replyDeadline: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isInstructionOverdue({ status: 'accepted', replyDeadline: '2026-03-01' }, '2026-03-02')).toBe(false);
    expect(isInstructionOverdue({ status: 'open', replyDeadline: '2026-03-01' }, '2026-03-01')).toBe(false);
  });
});

describe('problems raised from a sheet', () => {
  it('compares descriptions without whitespace, numbering or a final full stop', async () => {
    const { problemKey } = await import('./problems.js');
    expect(problemKey(' 1、土地 指标未落实。')).toBe(problemKey('土地指标未落实'));
    expect(problemKey('（1）审批慢；')).toBe(problemKey('审批慢'));
    expect(problemKey('审批慢')).not.toBe(problemKey('审批快'));
  });
  it('reads 无 / 暂无 / — as no problem, and guesses a category by its words', async () => {
    const { guessProblemCategory, isNoProblem } = await import('./problems.js');
    for (const t of ['无', '暂无', ' 无 ', '—', '/', '无问题']) expect(isNoProblem(t), t).toBe(true);
    expect(isNoProblem('无人对接')).toBe(false);
    expect(guessProblemCategory('土地指标未落实')).toBe('land');
    expect(guessProblemCategory('规划许可审批慢')).toBe('planning');
    expect(guessProblemCategory('施工许可手续未办')).toBe('permit');
    expect(guessProblemCategory('征迁补偿未到位')).toBe('demolition');
    expect(guessProblemCategory('人手不足')).toBe('other');
  });
});

import { describe, expect, it } from 'vitest';
import {
  canMarkDecisionDone,
  canReadMeeting,
  canVerifyDecision,
  canWriteMeetings,
  decisionState,
  doneRefusal,
  isDecisionOverdue,
  leaderAttends,
  proposeAgenda,
  shanghaiInstant,
  shanghaiTime,
} from './meetings.js';
import type { AccessActor } from './access.js';

const actor = (o: Partial<AccessActor>): AccessActor => ({
  id: 1,
  roles: [],
  regionCode: '411104',
  unitId: null,
  enterpriseId: null,
  leaderId: null,
  ...o,
});
const project = { regionCode: '411104', leadUnitId: 7, cooperatingUnitIds: [8], enterpriseId: 3, leaderId: 5 };

describe('decision state', () => {
  it('is open up to and on its deadline, overdue from the day after', () => {
    const d = { status: 'open' as const, deadline: '2026-07-10' };
    expect(decisionState(d, '2026-07-10')).toBe('open');
    expect(decisionState(d, '2026-07-11')).toBe('overdue');
    expect(isDecisionOverdue(d, '2026-07-11')).toBe(true);
  });
  it('is never overdue once done or verified', () => {
    expect(decisionState({ status: 'done', deadline: '2026-01-01' }, '2026-07-11')).toBe('done');
    expect(decisionState({ status: 'verified', deadline: '2026-01-01' }, '2026-07-11')).toBe('verified');
  });
  it('refuses done twice and a done date after today', () => {
    expect(doneRefusal({ status: 'done' }, '2026-07-01', '2026-07-10')).toBe('not_open');
    expect(doneRefusal({ status: 'open' }, '2026-07-11', '2026-07-10')).toBe('done_date_in_future');
    expect(doneRefusal({ status: 'open' }, '2026-07-10', '2026-07-10')).toBeNull();
  });
});

describe('who may do what', () => {
  it('lets only the office and admin record meetings', () => {
    expect(canWriteMeetings(actor({ roles: ['office'] }))).toBe(true);
    expect(canWriteMeetings(actor({ roles: ['admin'] }))).toBe(true);
    for (const r of ['supervisor', 'viewer', 'leader', 'unit', 'enterprise'] as const)
      expect(canWriteMeetings(actor({ roles: [r] }))).toBe(false);
  });
  it('lets the responsible unit or the office mark a decision done; office or supervisor verify', () => {
    const d = { regionCode: '411104', unitId: 7 };
    expect(canMarkDecisionDone(actor({ roles: ['unit'], unitId: 7 }), d)).toBe(true);
    expect(canMarkDecisionDone(actor({ roles: ['unit'], unitId: 8 }), d)).toBe(false);
    expect(canMarkDecisionDone(actor({ roles: ['office'] }), d)).toBe(true);
    expect(canMarkDecisionDone(actor({ roles: ['office'], regionCode: '411102' }), d)).toBe(false);
    expect(canMarkDecisionDone(actor({ roles: ['supervisor'] }), d)).toBe(false);
    expect(canVerifyDecision(actor({ roles: ['supervisor'] }), d)).toBe(true);
    expect(canVerifyDecision(actor({ roles: ['unit'], unitId: 7 }), d)).toBe(false);
  });
  it('shows a unit or enterprise the meetings about their projects or with their decisions', () => {
    const m = { regionCode: '411104', projects: [project], decisionUnitIds: [9] };
    expect(canReadMeeting(actor({ roles: ['unit'], unitId: 8 }), m)).toBe(true);
    expect(canReadMeeting(actor({ roles: ['unit'], unitId: 9 }), m)).toBe(true);
    expect(canReadMeeting(actor({ roles: ['unit'], unitId: 10 }), m)).toBe(false);
    expect(canReadMeeting(actor({ roles: ['enterprise'], enterpriseId: 3 }), m)).toBe(true);
    expect(canReadMeeting(actor({ roles: ['enterprise'], enterpriseId: 4 }), m)).toBe(false);
    expect(canReadMeeting(actor({ roles: ['leader'], leaderId: 99 }), m)).toBe(true);
    expect(canReadMeeting(actor({ roles: ['office'], regionCode: '411102' }), m)).toBe(false);
  });
  it('credits a problem solved in a meeting to its chair or an attending leader only', () => {
    const m = { chairLeaderId: 1, attendeeLeaderIds: [2, 3] };
    expect(leaderAttends(m, 1)).toBe(true);
    expect(leaderAttends(m, 3)).toBe(true);
    expect(leaderAttends(m, 4)).toBe(false);
  });
});

describe('proposed agenda', () => {
  it('groups reasons per project with counts, most reasons first', () => {
    const p = (projectId: number, projectCode: string) => ({ projectId, projectCode, projectName: projectCode });
    const items = proposeAgenda([
      { ...p(1, 'A'), reason: 'open_problem', count: 2 },
      { ...p(2, 'B'), reason: 'overdue_decision', count: 1 },
      { ...p(2, 'B'), reason: 'overdue_milestone', count: 3 },
      { ...p(3, 'C'), reason: 'overdue_ledger', count: 0 },
      { ...p(4, 'D'), reason: 'open_problem', count: 2 },
    ]);
    expect(items.map((i) => i.projectCode)).toEqual(['B', 'A', 'D']);
    expect(items[0]!.reasons).toEqual([
      { reason: 'overdue_milestone', count: 3 },
      { reason: 'overdue_decision', count: 1 },
    ]);
  });
});

describe('Shanghai time', () => {
  it('turns a day and HH:mm into the instant and back', () => {
    const at = shanghaiInstant('2026-07-16', '09:30');
    expect(at.toISOString()).toBe('2026-07-16T01:30:00.000Z');
    expect(shanghaiTime(at)).toBe('09:30');
    expect(shanghaiTime(shanghaiInstant('2026-07-16', '00:15'))).toBe('00:15');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roles } from '@kpc/contracts';
import {
  canDeleteLedgerItem,
  canEditLedgerItem,
  canEditProject,
  canReadProject,
  canRollbackProject,
  canCompleteLedgerItem,
  canTransitionProject,
  canWriteLedgerFor,
  isSelfLockout,
  type AccessActor,
} from './access.js';

const project = { regionCode: '411104001', leadUnitId: 7, cooperatingUnitIds: [8], enterpriseId: 3, leaderId: 4 };
const actor = (over: Partial<AccessActor>): AccessActor => ({
  id: 1,
  roles: [],
  regionCode: '411104',
  unitId: null,
  enterpriseId: null,
  leaderId: null,
  ...over,
});

describe('access predicates', () => {
  it('lets units edit only projects they lead or cooperate on', () => {
    expect(canEditProject(actor({ roles: ['unit'], unitId: 7 }), project)).toBe(true);
    expect(canEditProject(actor({ roles: ['unit'], unitId: 8 }), project)).toBe(true);
    expect(canEditProject(actor({ roles: ['unit'], unitId: 9 }), project)).toBe(false);
    expect(canEditProject(actor({ roles: ['enterprise'], enterpriseId: 3 }), project)).toBe(true);
    expect(canEditProject(actor({ roles: ['viewer', 'leader'] }), project)).toBe(false);
  });

  it('reads the region for office, supervisor, viewer and admin; a unit, an enterprise, a leader their own (ADR 0009)', () => {
    for (const r of ['office', 'supervisor', 'viewer', 'admin'] as const)
      expect(canReadProject(actor({ roles: [r] }), project)).toBe(true);
    expect(canReadProject(actor({ roles: ['unit'], unitId: 8 }), project)).toBe(true);
    expect(canReadProject(actor({ roles: ['unit'], unitId: 9 }), project)).toBe(false);
    expect(canReadProject(actor({ roles: ['enterprise'], enterpriseId: 3 }), project)).toBe(true);
    expect(canReadProject(actor({ roles: ['enterprise'], enterpriseId: 2 }), project)).toBe(false);
    expect(canReadProject(actor({ roles: ['leader'], leaderId: 4 }), project)).toBe(true);
    expect(canReadProject(actor({ roles: ['leader'], leaderId: 5 }), project)).toBe(false);
    expect(canReadProject(actor({ roles: ['leader', 'unit'], leaderId: 5, unitId: 7 }), project)).toBe(true);
  });

  it('leaves stage moves to the office; an enterprise reports on items but does not create, move or complete them', () => {
    expect(canTransitionProject(actor({ roles: ['office'] }), project)).toBe(true);
    expect(canTransitionProject(actor({ roles: ['enterprise'], enterpriseId: 3 }), project)).toBe(false);
    expect(canTransitionProject(actor({ roles: ['unit'], unitId: 7 }), project)).toBe(false);
    const ent = actor({ id: 5, roles: ['enterprise'], enterpriseId: 3 });
    const item = { unitId: 7, createdBy: 5 };
    expect(canWriteLedgerFor(ent, project, 7)).toBe(false);
    expect(canEditLedgerItem(ent, project, item)).toBe(true);
    expect(canCompleteLedgerItem(ent, project, item)).toBe(false);
    expect(canDeleteLedgerItem(ent, project, item)).toBe(false);
    expect(canCompleteLedgerItem(actor({ roles: ['unit'], unitId: 7 }), project, item)).toBe(true);
  });

  it('gives a cooperating unit ledger rights only on items it owes; deletion to the creator or the office', () => {
    const unit = actor({ id: 5, roles: ['unit'], unitId: 8 });
    expect(canEditLedgerItem(unit, project, { unitId: 8, createdBy: null })).toBe(true);
    expect(canEditLedgerItem(unit, project, { unitId: 7, createdBy: 5 })).toBe(false);
    expect(canDeleteLedgerItem(unit, project, { unitId: 8, createdBy: 5 })).toBe(true);
    expect(canDeleteLedgerItem(unit, project, { unitId: 8, createdBy: 6 })).toBe(false);
  });

  it('refuses everything outside the actor region, whatever the roles', () => {
    fc.assert(
      fc.property(fc.subarray([...roles]), fc.constantFrom('411103', '4111', '410000'), (rs, region) => {
        const a = actor({ roles: rs, regionCode: '411105', unitId: 7, enterpriseId: 3 });
        const p = { ...project, regionCode: region };
        return !canReadProject(a, p) && !canEditProject(a, p) && !canRollbackProject(a, p);
      }),
    );
  });

  it('stops an admin locking themselves out, not others', () => {
    expect(isSelfLockout(1, 1, { disabled: true })).toBe(true);
    expect(isSelfLockout(1, 1, { roles: ['office'] })).toBe(true);
    expect(isSelfLockout(1, 1, { roles: ['admin'] })).toBe(false);
    expect(isSelfLockout(1, 2, { disabled: true })).toBe(false);
  });
});

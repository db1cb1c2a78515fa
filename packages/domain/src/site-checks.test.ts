import { describe, expect, it } from 'vitest';
import { haversineM, isSiteCheckFlagged, siteCheckDistanceM, siteCheckerRole } from './site-checks.js';

const project = { regionCode: '411104', leadUnitId: 1, cooperatingUnitIds: [], enterpriseId: 2, leaderId: 7 };
const actor = (o: Partial<Parameters<typeof siteCheckerRole>[0]> = {}) => ({
  id: 1,
  roles: ['leader' as const],
  regionCode: '411104',
  unitId: null,
  enterpriseId: null,
  leaderId: 7,
  ...o,
});

describe('site-check distance', () => {
  it('measures the great circle in whole metres', () => {
    // one thousandth of a degree of latitude is about 111 m
    expect(haversineM({ lat: 33.5, lng: 114.0 }, { lat: 33.501, lng: 114.0 })).toBe(111);
    // 漯河 to 郑州, about 133 km
    const d = haversineM({ lat: 33.58, lng: 114.02 }, { lat: 34.75, lng: 113.62 });
    expect(d).toBeGreaterThan(130_000);
    expect(d).toBeLessThan(140_000);
    expect(haversineM({ lat: 10, lng: 10 }, { lat: 10, lng: 10 })).toBe(0);
  });

  it('is null without either position, and flags only beyond the setting', () => {
    expect(siteCheckDistanceM({ lat: null, lng: null }, { lat: 33.5, lng: 114 })).toBeNull();
    expect(siteCheckDistanceM({ lat: 33.5, lng: 114 }, { lat: null, lng: null })).toBeNull();
    expect(isSiteCheckFlagged(null, 1000)).toBe(false);
    expect(isSiteCheckFlagged(1000, 1000)).toBe(false);
    expect(isSiteCheckFlagged(1001, 1000)).toBe(true);
  });
});

describe('who logs a check', () => {
  it('the contracting leader of the project, as themselves', () => {
    expect(siteCheckerRole(actor(), project, false)).toBe('leader');
    expect(siteCheckerRole(actor({ leaderId: 8 }), project, false)).toBeNull();
    expect(siteCheckerRole(actor({ regionCode: '411102' }), project, false)).toBeNull();
  });
  it('a task-force head; not the office, a unit or an enterprise otherwise', () => {
    expect(siteCheckerRole(actor({ roles: ['unit'], leaderId: null, unitId: 1 }), project, true)).toBe('task_force_head');
    for (const roles of [['office'], ['unit'], ['enterprise'], ['viewer'], ['supervisor']] as const)
      expect(siteCheckerRole(actor({ roles: [...roles], leaderId: null }), project, false)).toBeNull();
  });
});

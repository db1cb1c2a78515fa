import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { supervisionLinks } from '@kpc/contracts';
import type { AccessActor } from './access.js';
import { addDays } from './dates.js';
import { ragRank } from './rag.js';
import {
  canTakeSupervisionAction,
  nextSupervisionLink,
  supervisionActionsFor,
  supervisionItemRag,
  type SupervisionItemState,
} from './supervision-items.js';

const ASOF = '2026-12-04';
const item = (o: Partial<SupervisionItemState> = {}): SupervisionItemState => ({
  id: 7,
  title: '协调解决施工用电',
  regionCode: '411104',
  unitId: 3,
  link: 'tracking',
  deadline: addDays(ASOF, 10),
  acceptedAt: null,
  returnCount: 0,
  ...o,
});
const actor = (o: Partial<AccessActor>): AccessActor => ({
  id: 1,
  roles: [],
  regionCode: '411104',
  unitId: null,
  leaderId: null,
  enterpriseId: null,
  ...o,
});
const supervisor = actor({ roles: ['supervisor'] });
const unit = actor({ roles: ['unit'], unitId: 3 });
const otherUnit = actor({ roles: ['unit'], unitId: 4 });

describe('the four links', () => {
  it('moves coordinating → tracking on progress, → checking on submit, back to tracking on return', () => {
    expect(nextSupervisionLink(item({ link: 'coordinating' }), 'progress')).toBe('tracking');
    expect(nextSupervisionLink(item({ link: 'tracking' }), 'submit')).toBe('checking');
    expect(nextSupervisionLink(item({ link: 'checking' }), 'return')).toBe('tracking');
    expect(nextSupervisionLink(item({ link: 'checking' }), 'accept')).toBe('checking');
  });

  it('refuses steps out of their link, and everything but a note once accepted', () => {
    expect(nextSupervisionLink(item({ link: 'tracking' }), 'accept')).toBeNull();
    expect(nextSupervisionLink(item({ link: 'checking' }), 'progress')).toBeNull();
    expect(nextSupervisionLink(item({ link: 'bulletined' }), 'return')).toBeNull();
    const accepted = item({ link: 'checking', acceptedAt: '2026-12-01T02:00:00Z' });
    expect(nextSupervisionLink(accepted, 'return')).toBeNull();
    expect(nextSupervisionLink(accepted, 'accept')).toBeNull();
    expect(nextSupervisionLink(accepted, 'note')).toBe('checking');
  });

  it('lets the bureau assign and verify, the responsible unit report and submit, nobody else', () => {
    expect(supervisionActionsFor(supervisor, item({ link: 'checking' }))).toEqual(['accept', 'return', 'note']);
    expect(supervisionActionsFor(unit, item({ link: 'tracking' }))).toEqual(['progress', 'submit', 'note']);
    expect(supervisionActionsFor(supervisor, item({ link: 'tracking' }))).toEqual(['assign', 'note']);
    expect(supervisionActionsFor(otherUnit, item())).toEqual([]);
    expect(supervisionActionsFor(actor({ roles: ['office'] }), item())).toEqual([]);
    expect(canTakeSupervisionAction(unit, item({ link: 'checking' }), 'accept')).toBe(false);
    expect(canTakeSupervisionAction(actor({ roles: ['supervisor'], regionCode: '411102' }), item(), 'assign')).toBe(false);
  });
});

describe('supervisionItemRag', () => {
  it('is red the day after the deadline, not on it', () => {
    expect(supervisionItemRag(item({ deadline: ASOF }), ASOF).rag).toBe('yellow');
    const r = supervisionItemRag(item({ deadline: addDays(ASOF, -1) }), ASOF);
    expect(r.rag).toBe('red');
    expect(r.reasons[0]).toMatchObject({ rule: 'item_overdue', value: 1, threshold: 0 });
    expect(r.reasons[0]!.records).toEqual([{ entity: 'supervision_item', id: 7, label: '协调解决施工用电' }]);
  });

  it('is yellow within 3 days of the deadline and green at 4', () => {
    expect(supervisionItemRag(item({ deadline: addDays(ASOF, 3) }), ASOF).reasons[0]).toMatchObject({
      rule: 'item_due_soon',
      value: 3,
      threshold: 3,
    });
    expect(supervisionItemRag(item({ deadline: addDays(ASOF, 4) }), ASOF)).toEqual({ rag: 'green', reasons: [] });
  });

  it('is yellow once sent back, until accepted', () => {
    const r = supervisionItemRag(item({ returnCount: 1 }), ASOF);
    expect(r.rag).toBe('yellow');
    expect(r.reasons.map((x) => x.rule)).toEqual(['item_returned']);
    expect(r.reasons[0]!.message['zh-CN']).toContain('退回 1 次');
  });

  it('is green once accepted or bulletined, even past the deadline', () => {
    const late = addDays(ASOF, -20);
    expect(supervisionItemRag(item({ link: 'checking', deadline: late, acceptedAt: '2026-11-01T00:00:00Z' }), ASOF).rag).toBe(
      'green',
    );
    expect(supervisionItemRag(item({ link: 'bulletined', deadline: late, returnCount: 2 }), ASOF).rag).toBe('green');
  });

  const arbItem = fc.record({
    link: fc.constantFrom(...supervisionLinks),
    accepted: fc.boolean(),
    returnCount: fc.nat(3),
    offset: fc.integer({ min: -60, max: 60 }),
  });

  it('never gets redder with a later deadline (fast-check)', () => {
    fc.assert(
      fc.property(arbItem, fc.nat(30), (a, later) => {
        const make = (off: number) =>
          item({
            link: a.link,
            acceptedAt: a.accepted ? '2026-11-01T00:00:00Z' : null,
            returnCount: a.returnCount,
            deadline: addDays(ASOF, off),
          });
        const early = supervisionItemRag(make(a.offset), ASOF).rag;
        const late = supervisionItemRag(make(a.offset + later), ASOF).rag;
        expect(ragRank(late)).toBeLessThanOrEqual(ragRank(early));
      }),
    );
  });

  it('names the item in every yellow or red reason, and a green has none (fast-check)', () => {
    fc.assert(
      fc.property(arbItem, (a) => {
        const r = supervisionItemRag(
          item({
            link: a.link,
            acceptedAt: a.accepted ? '2026-11-01T00:00:00Z' : null,
            returnCount: a.returnCount,
            deadline: addDays(ASOF, a.offset),
          }),
          ASOF,
        );
        if (r.rag === 'green') expect(r.reasons).toEqual([]);
        else expect(r.reasons.every((x) => x.records.length === 1 && x.records[0]!.id === 7)).toBe(true);
      }),
    );
  });
});

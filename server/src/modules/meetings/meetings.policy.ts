/**
 * Who may do what with meetings and decisions (ADR 0009 § Meetings). Reading: office, supervisor,
 * viewer, admin and leaders the region's meetings; a unit or an enterprise the meetings that discuss
 * a project it may read, a unit also those with a decision its unit owes; a decision follows its
 * meeting; outside → 404. Writing meetings, agendas and decisions: office and admin. Marking a
 * decision done: its responsible unit or the office. Verifying: office or supervisor.
 */
import {
  canMarkDecisionDone,
  canReadMeeting,
  canVerifyDecision,
  canWriteMeetings,
  inRegionOf,
  type MeetingAccessScope,
} from '@kpc/domain';
import type { Actor } from '../../lib/policy.js';

export const meetingPolicy = {
  canRead: (actor: Actor, m: MeetingAccessScope): boolean => canReadMeeting(actor, m),
  canWrite: (actor: Actor, regionCode: string): boolean => inRegionOf(actor, regionCode) && canWriteMeetings(actor),
  /** Creating meetings and series in the actor's own region. */
  canCreate: (actor: Actor): boolean => canWriteMeetings(actor),
  canMarkDone: (actor: Actor, d: { regionCode: string; unitId: number }): boolean => canMarkDecisionDone(actor, d),
  canVerify: (actor: Actor, d: { regionCode: string }): boolean => canVerifyDecision(actor, d),
};

/**
 * Who may do what with site checks (rules in `@kpc/domain` site-checks.ts, shared with the web):
 * - log: the project's contracting leader, as themselves (the leader linked to their account), or the
 *   account heading its task force 专班组长; the office, units, enterprises and viewers do not (the office
 *   does not log on anyone's behalf: a check is the checker's own, with their phone's location);
 * - read: the project's read scope (ADR 0009), and the checker their own; else 404;
 * - photos: added by the checker, read with the check.
 */
import { canReadProject, canReadSiteCheck, hasAnyRole, siteCheckerRole } from '@kpc/domain';
import type { Actor, ProjectScope } from '../../lib/policy.js';
import type { SiteCheckRecord } from './site-checks.repository.js';

export const siteCheckPolicy = {
  canSeeProject: (actor: Actor, project: ProjectScope) => canReadProject(actor, project),
  /** A role that may log checks of some project (a leader); others may still head a task force. */
  mayLogAny: (actor: Actor) => hasAnyRole(actor, 'leader') && actor.leaderId !== null,
  checkerRole: (actor: Actor, project: ProjectScope, headsTaskForce: boolean) => siteCheckerRole(actor, project, headsTaskForce),
  canRead: (actor: Actor, r: SiteCheckRecord) => canReadSiteCheck(actor, r.project, r.c),
  canUpload: (actor: Actor, r: SiteCheckRecord) => r.c.userId !== null && r.c.userId === actor.id,
};

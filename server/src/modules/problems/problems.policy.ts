/**
 * Who may do what to a problem (the rules are `@kpc/domain` problems.ts, shared with the web):
 * - read: the project's read scope (ADR 0009), and the problem's responsible unit and coordinating
 *   (or escalated-to) leader in the region; else 404;
 * - raise: office, supervisor, leaders on projects they see, a unit on its projects for itself;
 * - edit: the office, or the responsible unit while the problem is open (a unit edits only its own);
 * - start / resolve: office, the responsible unit, the coordinating leader; escalate: office or that leader;
 * - verify / reopen (send a resolution back): the office or the supervisor only; viewers read only.
 */
import type { ProblemAction } from '@kpc/contracts';
import {
  canReadProject,
  canCreateProblem,
  canDoProblemAction,
  canEditProblem,
  canReadProblem,
  isAllowedProblemTransition,
  mayTakeProblemAction,
} from '@kpc/domain';
import type { Actor, ProjectScope } from '../../lib/policy.js';
import type { ProblemRow } from './problems.repository.js';

export const problemPolicy = {
  canReadProject: (actor: Actor, project: ProjectScope) => canReadProject(actor, project),
  canRead: (actor: Actor, project: ProjectScope, p: ProblemRow) => canReadProblem(actor, project, p),
  canCreate: (actor: Actor, project: ProjectScope, unitId: number | null) => canCreateProblem(actor, project, unitId),
  canEdit: (actor: Actor, project: ProjectScope, p: ProblemRow) => canEditProblem(actor, project, p),
  /** The role may take the action (403 otherwise); the status is checked apart (409 INVALID_STATE). */
  mayTake: (actor: Actor, project: ProjectScope, p: ProblemRow, action: ProblemAction) =>
    mayTakeProblemAction(actor, project, p, action),
  isPossible: (p: ProblemRow, action: ProblemAction) => isAllowedProblemTransition(p.status, action),
  canDo: (actor: Actor, project: ProjectScope, p: ProblemRow, action: ProblemAction) =>
    canDoProblemAction(actor, project, p, action),
  /** Evidence files: whoever may edit it or take it forward. */
  canUpload: (actor: Actor, project: ProjectScope, p: ProblemRow) =>
    canEditProblem(actor, project, p) || canDoProblemAction(actor, project, p, 'resolve'),
};

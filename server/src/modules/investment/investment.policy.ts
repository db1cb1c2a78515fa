/** Who may report, review and plan investment: reporting follows project editing, reviewing and planning are the office's. */
import { hasRole, inRegion, projectPolicy, type Actor, type ProjectScope } from '../../lib/policy.js';

export const investmentPolicy = {
  /** Units for projects they lead or cooperate on, enterprises for their own, office/admin for all in their regions. */
  canReport: (actor: Actor, p: ProjectScope) => projectPolicy.canEdit(actor, p),
  /** Approve or return a submitted report. */
  canReview: (actor: Actor, p: ProjectScope) => inRegion(actor, p.regionCode) && hasRole(actor, 'office', 'admin'),
  canPlan: (actor: Actor, p: ProjectScope) => inRegion(actor, p.regionCode) && hasRole(actor, 'office', 'admin'),
};

/** Who plans milestones and who records their actual dates. */
import { hasRole, inRegion, projectPolicy, type Actor, type ProjectScope } from '../../lib/policy.js';

export const milestonePolicy = {
  /** Instantiate from the template, save baselines, change a node's duration: the office (or admin). */
  canPlan(actor: Actor, p: ProjectScope): boolean {
    return inRegion(actor, p.regionCode) && hasRole(actor, 'admin', 'office');
  },
  /** Record actual start and finish: whoever may edit the project (its units, its enterprise, the office). */
  canRecord(actor: Actor, p: ProjectScope): boolean {
    return projectPolicy.canEdit(actor, p);
  },
  canEditTemplates(actor: Actor): boolean {
    return hasRole(actor, 'admin', 'office');
  },
};

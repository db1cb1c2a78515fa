/** Who plans milestones and who records their actual dates: the rules are @kpc/domain's access predicates. */
import { canEditMilestoneTemplates, canPlanMilestones, canRecordMilestones } from '@kpc/domain';
import type { Actor, ProjectScope } from '../../lib/policy.js';

export const milestonePolicy = {
  /** Instantiate from the template, save baselines, change a node's duration: the office (or admin). */
  canPlan: (actor: Actor, p: ProjectScope): boolean => canPlanMilestones(actor, p),
  /** Record actual start and finish: whoever may edit the project (its units, its enterprise, the office). */
  canRecord: (actor: Actor, p: ProjectScope): boolean => canRecordMilestones(actor, p),
  canEditTemplates: (actor: Actor): boolean => canEditMilestoneTemplates(actor),
};

/** Who may report, review and plan investment: the rules are @kpc/domain's access predicates. */
import { canPlanInvestment, canReportInvestment, canReviewInvestment } from '@kpc/domain';
import type { Actor, ProjectScope } from '../../lib/policy.js';

export const investmentPolicy = {
  /** Units for projects they lead or cooperate on, enterprises for their own, office/admin for all in their regions. */
  canReport: (actor: Actor, p: ProjectScope) => canReportInvestment(actor, p),
  /** Approve or return a submitted report. */
  canReview: (actor: Actor, p: ProjectScope) => canReviewInvestment(actor, p),
  canPlan: (actor: Actor, p: ProjectScope) => canPlanInvestment(actor, p),
};

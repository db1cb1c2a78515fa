/**
 * Who reads the weekly quota (ADR 0009 § Compliance): the office, supervisor, viewer and admin read
 * their region's table; leaders read the whole region's table too — the article makes it a public
 * ranking among leaders (晾晒), so each sees where they stand among the others. Units and
 * enterprises are refused (403): the quota is not theirs. Nobody writes here: the figures are read
 * from site checks and problems.
 */
import { canReadCompliance } from '@kpc/domain';
import type { Actor } from '../../lib/policy.js';

export const compliancePolicy = {
  canRead: (actor: Actor): boolean => canReadCompliance(actor),
};

/**
 * Who reads the burden measured (ADR 0012): the admin and the office of the region — those who run the
 * platform and answer for how much it asks of the units. Everyone else is refused (403): the figures are
 * about the product, not a league table of units or people, and nobody is evaluated on them.
 */
import { hasRole, type Actor } from '../../lib/policy.js';

export const burdenPolicy = {
  canRead: (actor: Actor): boolean => hasRole(actor, 'admin', 'office'),
};

/** Who sees which investment screen (mirrors the server's investment policy; the server decides). */
import type { CurrentUser } from '@kpc/contracts';
import { hasRole } from '../../lib/session';

type U = Pick<CurrentUser, 'roles'>;

export const investmentAccess = {
  /** Monthly entry: units and enterprises for their projects, the office for any in its region. */
  report: (u: U) => hasRole(u, 'unit', 'enterprise', 'office', 'admin'),
  review: (u: U) => hasRole(u, 'office', 'admin'),
  plan: (u: U) => hasRole(u, 'office', 'admin'),
};

/** The home page after login: the dashboard for those who oversee (office, supervisor, leader, viewer, admin), the project list for those who report. */
import { Navigate } from 'react-router';
import { hasRole, useSession } from '../../../lib/session';

export function HomeRedirect() {
  const { data } = useSession();
  const oversees = data ? hasRole(data.user, 'office', 'supervisor', 'leader', 'viewer', 'admin') : false;
  return <Navigate to={oversees ? '/dashboard' : '/projects'} replace />;
}

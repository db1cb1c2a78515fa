/** The home page after login: the dashboard for those who oversee (office, supervisor, leader, viewer, admin), the project list for those who report. */
import { Navigate } from 'react-router';
import { access } from '../../../lib/access';
import { useSession } from '../../../lib/session';

export function HomeRedirect() {
  const { data } = useSession();
  const oversees = data ? access.homeIsDashboard(data.user) : false;
  return <Navigate to={oversees ? '/dashboard' : '/projects'} replace />;
}

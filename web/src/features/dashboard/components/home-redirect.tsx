/** The home page after login: where lib/access.ts `homePath` says (the dashboard, the project list, or an administrator's screen). */
import { Navigate } from 'react-router';
import { access } from '../../../lib/access';
import { useSession } from '../../../lib/session';

export function HomeRedirect() {
  const { data } = useSession();
  return <Navigate to={data ? access.homePath(data.user) : '/projects'} replace />;
}

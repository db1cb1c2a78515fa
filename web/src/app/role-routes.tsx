/**
 * What lib/access.ts says about routes: a screen only some roles see, and where "/" leads. Loaded lazily
 * by the router, so the rules (and the contracts they read, zod schemas among them) stay out of the login
 * screen's bundle (SPEC §3 budget).
 */
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { access } from '../lib/access';
import { useSession } from '../lib/session';
import { RequireRole } from './guards';

/** The screens of lib/access.ts that a route guards. */
export type Screen =
  | 'users'
  | 'referenceData'
  | 'regions'
  | 'settings'
  | 'audit'
  | 'jobs'
  | 'notificationRobots'
  | 'imports'
  | 'investmentReport'
  | 'investmentApprovals'
  | 'compliance'
  | 'supervisionReports'
  | 'ragRules'
  | 'workbench'
  | 'supervisionItems'
  | 'upwardReports'
  | 'burden'
  | 'weeklyUpdates';

export default function RequireScreen({ screen, children }: { screen: Screen; children: ReactNode }) {
  return <RequireRole allow={access[screen]}>{children}</RequireRole>;
}

/** The home page after login: the dashboard, the project list, or the screen of an administrator's duty. */
export function HomeRedirect() {
  const { data } = useSession();
  return <Navigate to={data ? access.homePath(data.user) : '/projects'} replace />;
}

/**
 * Routes. Every screen is its own lazy chunk so the login screen loads no tables, forms or charts,
 * and chart libraries load only with the pages that draw charts (SPEC §3 web budgets).
 */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { access } from '../lib/access';
import { PageSpinner } from '../components/page-spinner';
import { ApiRedirects, NotFound, RequireAuth, RequireRole } from './guards';
import { HomeRedirect } from '../features/dashboard/components/home-redirect';

import LoginPage from '../features/auth/components/login-page';
const ChangePasswordPage = lazy(() => import('../features/auth/components/change-password-page'));
const AppLayout = lazy(() => import('./layout/app-layout'));
const ProjectListPage = lazy(() => import('../features/projects/components/project-list-page'));
const ProjectDetailPage = lazy(() => import('./project-detail'));
const ProjectFormPage = lazy(() => import('../features/projects/components/project-form-page'));
const UsersPage = lazy(() => import('../features/users/components/users-page'));
const UnitsPage = lazy(() => import('../features/units/components/units-page'));
const LeadersPage = lazy(() => import('../features/leaders/components/leaders-page'));
const EnterprisesPage = lazy(() => import('../features/enterprises/components/enterprises-page'));
const RegionsPage = lazy(() => import('../features/regions/components/regions-page'));
const SettingsPage = lazy(() => import('../features/settings/components/settings-page'));
const AuditPage = lazy(() => import('../features/audit/components/audit-page'));
const JobsPage = lazy(() => import('../features/jobs/components/jobs-page'));
const MyLedgerPage = lazy(() => import('../features/ledger/components/my-ledger-page'));
const GanttPage = lazy(() => import('../features/gantt/components/gantt-page'));
const MilestoneAlertsPage = lazy(() => import('../features/milestones/components/milestone-alerts-page'));
const ImportsPage = lazy(() => import('../features/imports/components/imports-page'));
const DashboardPage = lazy(() => import('../features/dashboard/components/dashboard-page'));
const ReportEntryPage = lazy(() => import('../features/investment/components/report-entry-page'));
const ApprovalsPage = lazy(() => import('../features/investment/components/approvals-page'));
const BatchesPage = lazy(() => import('../features/batches/components/batches-page'));
const AccountSecurityPage = lazy(() => import('../features/account/components/account-security-page'));

export function AppRouter() {
  return (
    <BrowserRouter>
      <ApiRedirects />
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireAuth />}>
            <Route path="/change-password" element={<ChangePasswordPage />} />
            <Route element={<AppLayout />}>
              <Route index element={<HomeRedirect />} />
              <Route path="projects" element={<ProjectListPage />} />
              <Route path="projects/new" element={<ProjectFormPage />} />
              <Route path="projects/:id" element={<ProjectDetailPage />} />
              <Route path="projects/:id/edit" element={<ProjectFormPage />} />
              <Route path="dashboard" element={<DashboardPage />} />
              <Route path="batches" element={<BatchesPage />} />
              <Route
                path="investment/report"
                element={
                  <RequireRole allow={access.investmentReport}>
                    <ReportEntryPage />
                  </RequireRole>
                }
              />
              <Route
                path="investment/approvals"
                element={
                  <RequireRole allow={access.investmentApprovals}>
                    <ApprovalsPage />
                  </RequireRole>
                }
              />
              <Route path="ledger" element={<MyLedgerPage />} />
              <Route path="gantt" element={<GanttPage />} />
              <Route path="milestones/alerts" element={<MilestoneAlertsPage />} />
              <Route
                path="imports"
                element={
                  <RequireRole allow={access.imports}>
                    <ImportsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/users"
                element={
                  <RequireRole allow={access.users}>
                    <UsersPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/units"
                element={
                  <RequireRole allow={access.referenceData}>
                    <UnitsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/leaders"
                element={
                  <RequireRole allow={access.referenceData}>
                    <LeadersPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/enterprises"
                element={
                  <RequireRole allow={access.referenceData}>
                    <EnterprisesPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/regions"
                element={
                  <RequireRole allow={access.regions}>
                    <RegionsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/settings"
                element={
                  <RequireRole allow={access.settings}>
                    <SettingsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/jobs"
                element={
                  <RequireRole allow={access.jobs}>
                    <JobsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/audit"
                element={
                  <RequireRole allow={access.audit}>
                    <AuditPage />
                  </RequireRole>
                }
              />
              <Route path="account/security" element={<AccountSecurityPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}

/**
 * Routes. Every screen is its own lazy chunk so the login screen loads no tables, forms or charts,
 * and chart libraries load only with the pages that draw charts (SPEC §3 web budgets).
 */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PageSpinner } from '../components/page-spinner';
import { ApiRedirects, NotFound, RequireAuth } from './guards';

// the role rules load with the screens they guard, not with the login screen
const RequireScreen = lazy(() => import('./role-routes'));
const HomeRedirect = lazy(() => import('./role-routes').then((m) => ({ default: m.HomeRedirect })));

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
const MeetingsPage = lazy(() => import('../features/meetings/components/meetings-page'));
const MeetingPage = lazy(() => import('./meeting-detail'));
const DecisionsPage = lazy(() => import('../features/meetings/components/decisions-page'));
const ProblemsPage = lazy(() => import('../features/problems/components/problems-page'));
const CompliancePage = lazy(() => import('../features/compliance/components/compliance-page'));
const UpwardReportPage = lazy(() => import('../features/upward-reports/components/upward-report-page'));
const BurdenPage = lazy(() => import('../features/burden/components/burden-page'));
const SiteChecksPage = lazy(() => import('../features/site-checks/components/site-checks-page'));
const SiteCheckFormPage = lazy(() => import('../features/site-checks/components/site-check-form-page'));
const WeeklyUpdatesPage = lazy(() => import('../features/weekly-updates/components/weekly-updates-page'));
const WeeklyUpdatePage = lazy(() => import('../features/weekly-updates/components/weekly-update-page'));
const InstructionsPage = lazy(() => import('../features/instructions/components/instructions-page'));
const ColourMapPage = lazy(() => import('../features/supervision/components/colour-map-page'));
const SupervisionReportsPage = lazy(() => import('../features/supervision-reports/components/supervision-reports-page'));
const RulesPage = lazy(() => import('../features/supervision/components/rules-page'));
const WorkbenchPage = lazy(() => import('../features/escalations/components/workbench-page'));
const SupervisionItemsPage = lazy(() => import('../features/supervision/components/items-board-page'));
const StageProposalsPage = lazy(() => import('../features/stage-proposals/components/stage-proposals-page'));
const GanttPage = lazy(() => import('../features/gantt/components/gantt-page'));
const MilestoneAlertsPage = lazy(() => import('../features/milestones/components/milestone-alerts-page'));
const ImportsPage = lazy(() => import('../features/imports/components/imports-page'));
const DashboardPage = lazy(() => import('../features/dashboard/components/dashboard-page'));
const ReportEntryPage = lazy(() => import('../features/investment/components/report-entry-page'));
const ApprovalsPage = lazy(() => import('../features/investment/components/approvals-page'));
const BatchesPage = lazy(() => import('../features/batches/components/batches-page'));
const AccountSecurityPage = lazy(() => import('../features/account/components/account-security-page'));
const InboxPage = lazy(() => import('../features/notifications/components/inbox-page'));
const RobotsPage = lazy(() => import('../features/notifications/components/robots-page'));
const OutboxPage = lazy(() => import('../features/notifications/components/outbox-page'));

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
                  <RequireScreen screen="investmentReport">
                    <ReportEntryPage />
                  </RequireScreen>
                }
              />
              <Route
                path="investment/approvals"
                element={
                  <RequireScreen screen="investmentApprovals">
                    <ApprovalsPage />
                  </RequireScreen>
                }
              />
              <Route path="ledger" element={<MyLedgerPage />} />
              <Route path="meetings" element={<MeetingsPage />} />
              <Route path="meetings/:id" element={<MeetingPage />} />
              <Route path="decisions" element={<DecisionsPage />} />
              <Route path="problems" element={<ProblemsPage />} />
              <Route
                path="reports/upward"
                element={
                  <RequireScreen screen="upwardReports">
                    <UpwardReportPage />
                  </RequireScreen>
                }
              />
              <Route
                path="compliance"
                element={
                  <RequireScreen screen="compliance">
                    <CompliancePage />
                  </RequireScreen>
                }
              />
              <Route path="site-checks" element={<SiteChecksPage />} />
              <Route path="site-checks/new" element={<SiteCheckFormPage />} />
              <Route
                path="weekly-updates"
                element={
                  <RequireScreen screen="weeklyUpdates">
                    <WeeklyUpdatesPage />
                  </RequireScreen>
                }
              />
              <Route
                path="weekly-updates/:id"
                element={
                  <RequireScreen screen="weeklyUpdates">
                    <WeeklyUpdatePage />
                  </RequireScreen>
                }
              />
              <Route path="instructions" element={<InstructionsPage />} />
              <Route path="stage-proposals" element={<StageProposalsPage />} />
              <Route path="supervision" element={<ColourMapPage />} />
              <Route path="inbox" element={<InboxPage />} />
              <Route
                path="admin/notification-robots"
                element={
                  <RequireScreen screen="notificationRobots">
                    <RobotsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/notification-outbox"
                element={
                  <RequireScreen screen="notificationRobots">
                    <OutboxPage />
                  </RequireScreen>
                }
              />
              <Route
                path="supervision/reports"
                element={
                  <RequireScreen screen="supervisionReports">
                    <SupervisionReportsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="supervision/rules"
                element={
                  <RequireScreen screen="ragRules">
                    <RulesPage />
                  </RequireScreen>
                }
              />
              <Route
                path="workbench"
                element={
                  <RequireScreen screen="workbench">
                    <WorkbenchPage />
                  </RequireScreen>
                }
              />
              <Route
                path="supervision/items"
                element={
                  <RequireScreen screen="supervisionItems">
                    <SupervisionItemsPage />
                  </RequireScreen>
                }
              />
              <Route path="gantt" element={<GanttPage />} />
              <Route path="milestones/alerts" element={<MilestoneAlertsPage />} />
              <Route
                path="imports"
                element={
                  <RequireScreen screen="imports">
                    <ImportsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/users"
                element={
                  <RequireScreen screen="users">
                    <UsersPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/units"
                element={
                  <RequireScreen screen="referenceData">
                    <UnitsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/leaders"
                element={
                  <RequireScreen screen="referenceData">
                    <LeadersPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/enterprises"
                element={
                  <RequireScreen screen="referenceData">
                    <EnterprisesPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/regions"
                element={
                  <RequireScreen screen="regions">
                    <RegionsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/burden"
                element={
                  <RequireScreen screen="burden">
                    <BurdenPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/settings"
                element={
                  <RequireScreen screen="settings">
                    <SettingsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/jobs"
                element={
                  <RequireScreen screen="jobs">
                    <JobsPage />
                  </RequireScreen>
                }
              />
              <Route
                path="admin/audit"
                element={
                  <RequireScreen screen="audit">
                    <AuditPage />
                  </RequireScreen>
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

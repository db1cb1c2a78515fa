/**
 * The project detail screen: the projects feature's page, with the ledger, milestone plan, Gantt and
 * investment parts of their own features put in. Each part loads its code only when shown (the Gantt
 * and the investment chart: ECharts).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Card, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@kpc/contracts';
import ProjectDetailPage from '../features/projects/components/project-detail-page';
import { access } from '../lib/access';
import { useCurrentUser } from '../lib/session';

const ProjectLedgerTab = lazy(() => import('../features/ledger/components/project-ledger-tab'));
const ProjectProblemsTab = lazy(() => import('../features/problems/components/project-problems-tab'));
const ProjectSiteChecksTab = lazy(() => import('../features/site-checks/components/project-site-checks-tab'));
const ProjectPlanTab = lazy(() => import('../features/milestones/components/project-plan-tab'));
const ProjectRag = lazy(() => import('../features/supervision/components/project-rag'));
const ProjectEscalations = lazy(() => import('../features/escalations/components/project-escalations'));
const ProjectStageProposals = lazy(() => import('../features/stage-proposals/components/project-stage-proposals'));
const WeeklyUpdateLink = lazy(() =>
  import('../features/weekly-updates/components/weekly-update-page').then((m) => ({ default: m.WeeklyUpdateLink })),
);
const ProjectGantt = lazy(() => import('../features/gantt/components/project-gantt'));
// plan vs actual investment by month, with the annual plan editor and the way to report a month
const ProjectInvestmentSection = lazy(() => import('../features/investment/components/project-investment-section'));

export default function ProjectDetailScreen() {
  const user = useCurrentUser();
  return (
    <ProjectDetailPage
      workTabs={(p) => <ProjectWorkTabs project={p} />}
      headerTags={(p) => (
        <Suspense fallback={null}>
          <ProjectRag project={p} />
          {access.weeklyUpdates(user) && <WeeklyUpdateLink projectId={p.id} />}
        </Suspense>
      )}
      stageProposals={(p) => (
        <Suspense fallback={null}>
          <ProjectStageProposals project={p} />
        </Suspense>
      )}
      escalations={(p) => (
        <Suspense fallback={null}>
          <ProjectEscalations project={p} />
        </Suspense>
      )}
      investment={(p) => (
        <Suspense fallback={null}>
          <ProjectInvestmentSection project={p} />
        </Suspense>
      )}
    />
  );
}

/** 台账 / 节点计划 / 甘特图 of the project; the open tab is kept in ?tab= so a link can open it. */
function ProjectWorkTabs({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'ledger';
  const pane = (node: ReactNode) => <Suspense fallback={<Spin />}>{node}</Suspense>;
  return (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch((s) => (s.set('tab', k), s), { replace: true })}
        items={[
          {
            key: 'ledger',
            label: <span data-testid="project-tab-ledger">{t('project.tab.ledger')}</span>,
            children: pane(<ProjectLedgerTab project={project} />),
          },
          {
            key: 'problems',
            label: <span data-testid="project-tab-problems">{t('project.tab.problems')}</span>,
            children: pane(<ProjectProblemsTab project={project} />),
          },
          {
            key: 'site-checks',
            label: <span data-testid="project-tab-site-checks">{t('project.tab.siteChecks')}</span>,
            children: pane(<ProjectSiteChecksTab project={project} />),
          },
          {
            key: 'plan',
            label: <span data-testid="project-tab-plan">{t('project.tab.plan')}</span>,
            children: pane(<ProjectPlanTab projectId={project.id} />),
          },
          {
            key: 'gantt',
            label: <span data-testid="project-tab-gantt">{t('project.tab.gantt')}</span>,
            children: pane(<ProjectGantt projectId={project.id} />),
          },
        ]}
      />
    </Card>
  );
}

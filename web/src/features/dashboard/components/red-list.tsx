/**
 * 红色项目: the projects shown red on the dashboard's date, longest red first, each with since when and
 * its worst reason's rule; a row opens the project. Phone: cards, the days red first.
 */
import { Button, Empty, Grid, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ragRuleLabels, type DashboardSummary } from '@kpc/contracts';
import { daysBetween } from '@kpc/domain';
import { labelOf } from '../../../lib/i18n';

type RedProject = DashboardSummary['redList'][number];

/** The longest red shown here; the rest open in the project list. */
const SHOWN = 8;

export function RedList({ summary: s }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  if (s.redList.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.redList.none')} />;
  const days = (r: RedProject) => (r.since ? daysBetween(r.since, s.asOf) + 1 : null);
  const open = (r: RedProject) => navigate(`/projects/${r.projectId}`);
  const daysText = (r: RedProject) => (days(r) === null ? '—' : t('dashboard.redList.days', { count: days(r)! }));
  const rule = (r: RedProject) => (r.rule ? labelOf(ragRuleLabels, r.rule) : t('dashboard.redList.override'));
  const shown = s.redList.slice(0, SHOWN);
  const all =
    s.redList.length > SHOWN ? (
      <Button
        type="link"
        size="small"
        style={{ paddingInline: 0 }}
        onClick={() => navigate(`/projects?ids=${s.redList.map((r) => r.projectId).join(',')}`)}
      >
        {t('dashboard.redList.all', { count: s.redList.length })}
      </Button>
    ) : null;
  if (phone)
    return (
      <div className="kpc-red-cards" data-testid="red-list">
        {shown.map((r) => (
          <button key={r.projectId} type="button" className="kpc-red-card" onClick={() => open(r)}>
            <span className="kpc-red-days">{daysText(r)}</span>
            <span className="kpc-red-name">{r.name}</span>
            <span className="kpc-red-meta">
              <Tag color="red">{rule(r)}</Tag>
              {r.since && t('dashboard.redList.since', { date: r.since })}
            </span>
          </button>
        ))}
        {all}
      </div>
    );
  return (
    <div data-testid="red-list">
      <table className="kpc-batch-table kpc-red-table">
        <thead>
          <tr>
            <th>{t('dashboard.redList.project')}</th>
            <th>{t('dashboard.redList.reason')}</th>
            <th>{t('dashboard.redList.sinceHead')}</th>
            <th>{t('dashboard.redList.daysHead')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.projectId}>
              <td>
                <button type="button" className="kpc-link-button" onClick={() => open(r)}>
                  {r.code} {r.name}
                </button>
              </td>
              <td>
                <Tag color="red">{rule(r)}</Tag>
              </td>
              <td>{r.since ?? '—'}</td>
              <td>{daysText(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {all}
    </div>
  );
}

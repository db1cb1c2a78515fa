/** A project's site checks (the project detail's tab), and 登记实地检查 on it for its leader or task-force head. */
import { Link } from 'react-router';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSiteCheckTargets } from '../api/site-checks';
import { SiteCheckList } from './site-check-list';

export default function ProjectSiteChecksTab({ project }: { project: { id: number } }) {
  const { t } = useTranslation();
  const targets = useSiteCheckTargets();
  const mayCheck = targets.data?.projects.some((p) => p.projectId === project.id);
  return (
    <div>
      {mayCheck && (
        <Link to={`/site-checks/new?projectId=${project.id}`}>
          <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
            {t('siteChecks.form.new')}
          </Button>
        </Link>
      )}
      <SiteCheckList filters={{ projectId: project.id }} />
    </div>
  );
}

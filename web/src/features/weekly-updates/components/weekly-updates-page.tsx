/** 本周周报: the user's projects as cards (phone first), each with whether the week's update is sent. */
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api';
import { PageSpinner } from '../../../components/page-spinner';
import { useWeeklyUpdates } from '../api/weekly-updates';
import './weekly-updates.css';

export default function WeeklyUpdatesPage() {
  const { t } = useTranslation();
  const { data, isPending, error } = useWeeklyUpdates();
  if (isPending) return <PageSpinner />;
  return (
    <div className="kpc-page kpc-weekly">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('weekly.list.title')} {data && <Typography.Text type="secondary">{data.week}</Typography.Text>}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('weekly.list.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={describeError(error)} />}
      {data && data.items.length === 0 && <Empty description={t('weekly.list.empty')} />}
      <List
        dataSource={data?.items ?? []}
        rowKey="projectId"
        renderItem={(i) => (
          <Card size="small" className="kpc-weekly-card" data-testid={`weekly-item-${i.projectId}`}>
            <Space direction="vertical" style={{ width: '100%' }} size={4}>
              <Typography.Text strong>{i.projectName}</Typography.Text>
              <Space wrap>
                {i.sent ? (
                  <Tag color="green">{i.sent.unchanged ? t('weekly.list.unchanged') : t('weekly.list.sent')}</Tag>
                ) : (
                  <Tag color="orange">{t('weekly.list.notSent')}</Tag>
                )}
                <Typography.Text type="secondary">{i.projectCode}</Typography.Text>
              </Space>
              <Link to={`/weekly-updates/${i.projectId}`}>
                <Button type={i.sent ? 'default' : 'primary'} block data-testid={`weekly-open-${i.projectId}`}>
                  {i.sent ? t('weekly.list.edit') : t('weekly.list.open')}
                </Button>
              </Link>
            </Space>
          </Card>
        )}
      />
    </div>
  );
}

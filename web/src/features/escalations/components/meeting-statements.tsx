/**
 * A review meeting's 表态发言: the confirmed statements of the region's projects still to be made (the
 * agenda's part of the ladder), each marked made here by the office or the bureau, and those made at it.
 */
import { Link } from 'react-router';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '@kpc/domain';
import type { Escalation } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { hasRole } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useMarkStatementMade, useMeetingStatements } from '../api/escalations';

export default function MeetingStatements({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { data } = useMeetingStatements(meetingId);
  const mark = useMarkStatementMade(meetingId);
  if (!data) return null;
  // the server decides per project (domain canRecordStatement); the button is for the roles that may
  const mayMark = hasRole(user, 'office', 'supervisor', 'admin');
  const made = async (e: Escalation) => {
    try {
      await mark.mutateAsync({ id: e.id, version: e.version });
      message.success(t('escalations.statementMarked'));
    } catch (err) {
      message.error(describeError(err));
    }
  };
  const item = (e: Escalation, pending: boolean) => (
    <List.Item
      data-testid={pending ? 'statement-pending' : 'statement-made'}
      actions={
        pending && mayMark
          ? [
              <Button key="made" size="small" loading={mark.isPending} onClick={() => void made(e)} data-testid="statement-mark">
                {t('escalations.markMade')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            <Link to={`/projects/${e.projectId}`}>{e.projectName}</Link>
            {e.unitName && <Tag>{e.unitName}</Tag>}
            {!pending && e.doneAt && <Tag color="success">{shanghaiDate(new Date(e.doneAt))}</Tag>}
          </Space>
        }
        description={e.reason}
      />
    </List.Item>
  );
  return (
    <Card title={t('escalations.meetingCard')} style={{ marginTop: 16 }} data-testid="meeting-statements">
      <Typography.Text type="secondary">{t('escalations.pendingHint')}</Typography.Text>
      <List
        size="small"
        dataSource={data.pending}
        locale={{ emptyText: t('escalations.nonePending') }}
        renderItem={(e) => item(e, true)}
      />
      {data.made.length > 0 && (
        <>
          <Typography.Title level={5}>{t('escalations.madeHere')}</Typography.Title>
          <List size="small" dataSource={data.made} renderItem={(e) => item(e, false)} />
        </>
      )}
    </Card>
  );
}

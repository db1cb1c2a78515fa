/**
 * 领导批示: mine (a unit: to answer; a leader or the office: replies to decide), overdue, all in scope.
 * Each instruction shows its subject, the leader's text, the deadline and the replies; the unit replies
 * (then adds files to its reply), the leader or the office accepts it or sends it back. Cards at every width.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, Input, List, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { instructionStatusLabels, instructionSubjectLabels, type Instruction } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { hasRole } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { instructionKeys, useInstructionList, useInstructionStep, type InstructionListQuery } from '../api/instructions';
import { SuperviseButton } from '../../../components/supervise-button';

const statusColor: Record<Instruction['status'], string> = {
  open: 'blue',
  replied: 'gold',
  accepted: 'green',
  returned: 'volcano',
};

function InstructionCard({ i }: { i: Instruction }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const step = useInstructionStep();
  const run = async (s: Parameters<typeof step.mutateAsync>[0]) => {
    try {
      await step.mutateAsync(s);
      setText('');
      message.success(t(`instructions.done.${s.kind}`));
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const pending = i.replies.find((r) => r.outcome === 'pending');
  const user = useCurrentUser();
  const isAddressee = hasRole(user, 'unit') && user.unitId === i.unitId;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderLeft: i.overdue ? '3px solid #ff4d4f' : undefined }}
      data-testid="instruction-card"
    >
      <Space wrap size={[8, 4]} style={{ marginBottom: 6 }}>
        <Tag color={statusColor[i.status]}>{labelOf(instructionStatusLabels, i.status)}</Tag>
        {i.overdue && <Tag color="red">{t('instructions.overdue')}</Tag>}
        <Typography.Text type="secondary">
          {labelOf(instructionSubjectLabels, i.subjectType)}：{i.subjectTitle}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text strong>{i.leaderName}</Typography.Text>：{i.text}
      </Typography.Paragraph>
      <Space wrap size={[12, 2]} style={{ fontSize: 12 }}>
        <Typography.Text type="secondary">
          {t('instructions.unit')}：{i.unitName}
        </Typography.Text>
        <Typography.Text type={i.overdue ? 'danger' : 'secondary'}>
          {t('instructions.deadline')}：{i.replyDeadline}
        </Typography.Text>
        {i.projectId && <Link to={`/projects/${i.projectId}`}>{i.projectName}</Link>}
        <SuperviseButton source="leader_instruction" sourceId={i.id} testId="instruction-supervise" />
      </Space>
      {i.replies.length > 0 && (
        <Timeline
          style={{ marginTop: 12, marginBottom: 0 }}
          items={i.replies.map((r) => ({
            color: r.outcome === 'accepted' ? 'green' : r.outcome === 'returned' ? 'red' : 'blue',
            content: (
              <div>
                <Typography.Text>{r.text}</Typography.Text>
                <div style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary">
                    {r.byName ?? '—'} · {r.at.slice(0, 10)} · {t(`instructions.outcome.${r.outcome}`)}
                    {r.outcomeNote ? `：${r.outcomeNote}` : ''}
                  </Typography.Text>
                </div>
                {(r.attachmentCount > 0 || (r.outcome === 'pending' && i.status === 'replied')) && (
                  <AttachmentList
                    owner="instruction-replies"
                    ownerId={r.id}
                    canUpload={isAddressee && r.outcome === 'pending'}
                    labels={{ upload: t('instructions.addFile'), none: t('instructions.noFiles') }}
                    testId={`instruction-reply-files-${r.id}`}
                    alsoInvalidate={[instructionKeys.all]}
                  />
                )}
              </div>
            ),
          }))}
        />
      )}
      {(i.permissions.reply || (i.permissions.accept && pending)) && (
        <Space.Compact direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={2000}
            placeholder={i.permissions.reply ? t('instructions.replyPlaceholder') : t('instructions.notePlaceholder')}
            data-testid="instruction-text"
          />
          <Space wrap style={{ marginTop: 8 }}>
            {i.permissions.reply && (
              <Button
                type="primary"
                disabled={!text.trim()}
                loading={step.isPending}
                onClick={() => void run({ kind: 'reply', id: i.id, version: i.version, text: text.trim() })}
                data-testid="instruction-reply"
              >
                {t('instructions.reply')}
              </Button>
            )}
            {i.permissions.accept && (
              <Button
                type="primary"
                loading={step.isPending}
                onClick={() => void run({ kind: 'accept', id: i.id, version: i.version, note: text.trim() || null })}
                data-testid="instruction-accept"
              >
                {t('instructions.accept')}
              </Button>
            )}
            {i.permissions.return && (
              <Button
                danger
                disabled={!text.trim()}
                loading={step.isPending}
                onClick={() => void run({ kind: 'return', id: i.id, version: i.version, note: text.trim() })}
                data-testid="instruction-return"
              >
                {t('instructions.return')}
              </Button>
            )}
          </Space>
        </Space.Compact>
      )}
    </Card>
  );
}

export default function InstructionsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<InstructionListQuery>({ box: 'mine', page: 1, pageSize: 20 });
  const { data, isFetching, error } = useInstructionList(query);
  return (
    <div className="kpc-page">
      <Card title={t('instructions.title')}>
        <Segmented
          style={{ marginBottom: 12 }}
          value={query.box}
          onChange={(box) => setQuery({ ...query, box: box as InstructionListQuery['box'], page: 1 })}
          options={[
            { value: 'mine', label: t('instructions.box.mine') },
            { value: 'overdue', label: t('instructions.box.overdue') },
            { value: 'all', label: t('instructions.box.all') },
          ]}
          data-testid="instructions-box"
        />
        {error && <Typography.Paragraph type="danger">{describeError(error)}</Typography.Paragraph>}
        <List<Instruction>
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('instructions.none')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            align: 'center',
            size: 'small',
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
          renderItem={(i) => <InstructionCard key={i.id} i={i} />}
        />
      </Card>
    </div>
  );
}

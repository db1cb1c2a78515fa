/**
 * One problem: what, where, who, how long; the transitions the user may do now (the server's
 * permissions), the progress note and deadline for whoever may edit, and the evidence files.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, DatePicker, Descriptions, Divider, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { problemCategoryLabels, problemSourceLabels, type Problem, type ProblemAction } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useLeaders } from '../../../lib/reference-data';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { problemKeys } from '../api/keys';
import { useProblemTransition, useUpdateProblem } from '../api/save-problem';
import { ProblemDeadline, ProblemStatusTag } from './problem-tags';

type Step = ProblemAction;
/** The actions that ask for a text (and the escalation for a leader) before they are sent. */
const withText: Partial<Record<Step, 'resolution' | 'reason'>> = { resolve: 'resolution', escalate: 'reason', reopen: 'reason' };

export function ProblemDrawer({ problem, onClose }: { problem: Problem | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [current, setCurrent] = useState<Problem | undefined>(problem);
  const [step, setStep] = useState<Step | null>(null);
  const [form] = Form.useForm<{ text?: string; toLeaderId?: number }>();
  const [editForm] = Form.useForm<{ progressNote?: string | null; deadline?: dayjs.Dayjs | null }>();
  const transition = useProblemTransition();
  const update = useUpdateProblem();
  const leaders = useLeaders().data?.items ?? [];

  useEffect(() => {
    setCurrent(problem);
    setStep(null);
    form.resetFields();
    if (problem)
      editForm.setFieldsValue({
        progressNote: problem.progressNote,
        deadline: problem.deadline ? dayjs(problem.deadline) : null,
      });
  }, [problem, form, editForm]);

  const p = current;
  const fail = (e: unknown) => {
    const now = (e as { details?: { current?: Problem } })?.details?.current;
    if (isApiError(e, 'VERSION_CONFLICT') && now) setCurrent(now);
    message.error(describeError(e));
  };

  async function send(action: Step) {
    if (!p) return;
    const needs = withText[action];
    let values: { text?: string; toLeaderId?: number } = {};
    if (needs) {
      if (step !== action) {
        setStep(action);
        return;
      }
      values = await form.validateFields();
    }
    try {
      const next = await transition.mutateAsync({
        id: p.id,
        action,
        version: p.version,
        ...(needs === 'resolution' ? { resolution: values.text } : {}),
        ...(needs === 'reason' ? { reason: values.text } : {}),
        ...(action === 'escalate' ? { toLeaderId: values.toLeaderId } : {}),
      });
      setCurrent(next);
      setStep(null);
      form.resetFields();
      message.success(t(`problems.done.${action}`));
    } catch (e) {
      fail(e);
    }
  }

  async function saveEdit() {
    if (!p) return;
    const v = await editForm.validateFields();
    try {
      const next = await update.mutateAsync({
        id: p.id,
        body: {
          version: p.version,
          progressNote: v.progressNote || null,
          deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
        },
      });
      setCurrent(next);
      message.success(t('common.saved'));
    } catch (e) {
      fail(e);
    }
  }

  const actions: Step[] = ['start', 'resolve', 'escalate', 'verify', 'reopen'];
  return (
    <Drawer
      open={!!problem}
      onClose={onClose}
      size={560}
      title={p ? <span data-testid="problem-drawer-title">{p.description}</span> : null}
      destroyOnHidden
      styles={{ wrapper: { maxWidth: '100vw' } }}
    >
      {p && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <ProblemStatusTag status={p.status} />
            <Typography.Text type="secondary">{labelOf(problemCategoryLabels, p.category)}</Typography.Text>
            <Typography.Text type="secondary">{t('problems.daysOpen', { count: p.daysOpen })}</Typography.Text>
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('problems.field.project')}>
              <Link to={`/projects/${p.projectId}?tab=problems`}>{p.projectName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('problems.field.source')}>
              {labelOf(problemSourceLabels, p.source)} · {p.raisedByName ?? '—'} · {p.raisedOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('problems.field.unit')}>{p.unitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('problems.field.leader')}>{p.leaderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('problems.field.deadline')}>
              <ProblemDeadline problem={p} />
            </Descriptions.Item>
            {p.escalatedToLeaderName && (
              <Descriptions.Item label={t('problems.field.escalatedTo')}>
                {p.escalatedToLeaderName}：{p.escalationReason}
              </Descriptions.Item>
            )}
            {p.resolution && (
              <Descriptions.Item label={t('problems.field.resolution')}>
                {p.resolution}
                {p.resolvedOn
                  ? `（${p.resolvedOn}${p.solvedOnSite ? ` · ${t('problems.solvedOnSite')}${p.solvedByLeaderName ? ` ${p.solvedByLeaderName}` : ''}` : ''}）`
                  : ''}
              </Descriptions.Item>
            )}
            {!p.permissions.edit && p.progressNote && (
              <Descriptions.Item label={t('problems.field.progressNote')}>{p.progressNote}</Descriptions.Item>
            )}
          </Descriptions>

          {actions.some((a) => p.permissions[a]) && (
            <>
              <Divider titlePlacement="start">{t('problems.actions')}</Divider>
              {step && (
                <Form form={form} layout="vertical" data-testid="problem-step-form">
                  {step === 'escalate' && (
                    <Form.Item
                      name="toLeaderId"
                      label={t('problems.field.escalatedTo')}
                      rules={[{ required: true, message: t('problems.required') }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={leaders.filter((l) => l.id !== p.leaderId).map((l) => ({ value: l.id, label: l.name }))}
                      />
                    </Form.Item>
                  )}
                  <Form.Item
                    name="text"
                    label={t(`problems.stepText.${step}`)}
                    rules={[{ required: true, whitespace: true, message: t('problems.required') }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="problem-step-text" />
                  </Form.Item>
                </Form>
              )}
              <Space wrap>
                {actions
                  .filter((a) => p.permissions[a])
                  .map((a) => (
                    <Button
                      key={a}
                      type={step === a || (!step && (a === 'resolve' || a === 'verify')) ? 'primary' : 'default'}
                      danger={a === 'reopen'}
                      loading={transition.isPending && step === a}
                      onClick={() => void send(a)}
                      data-testid={`problem-${a}`}
                    >
                      {step === a ? t('problems.confirm', { action: t(`problems.action.${a}`) }) : t(`problems.action.${a}`)}
                    </Button>
                  ))}
                {step && <Button onClick={() => setStep(null)}>{t('common.cancel')}</Button>}
              </Space>
            </>
          )}

          {p.permissions.edit && (
            <>
              <Divider titlePlacement="start">{t('problems.field.progressNote')}</Divider>
              <Form form={editForm} layout="vertical">
                <Form.Item name="progressNote">
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="deadline" label={t('problems.field.deadline')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Button onClick={() => void saveEdit()} loading={update.isPending}>
                  {t('common.save')}
                </Button>
              </Form>
            </>
          )}

          <Divider titlePlacement="start">{t('problems.evidence')}</Divider>
          <AttachmentList
            owner="problems"
            ownerId={p.id}
            canUpload={p.permissions.upload}
            labels={{ upload: t('problems.evidenceUpload'), none: t('problems.evidenceNone') }}
            testId="problem-evidence"
            alsoInvalidate={[problemKeys.all]}
          />
        </>
      )}
    </Drawer>
  );
}

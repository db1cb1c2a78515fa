/** 规则设置: session, lockout and password rules of the admin's region (inherited values marked). */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { totpRequirableRoleLabels, totpRequirableRoles, updateSettingsBody, type Settings } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues, validateWith } from '../../../lib/form-errors';
import { PageSpinner } from '../../../components/page-spinner';
import { optionsOf } from '../../../lib/i18n';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useSaveSettings, useSettings } from '../api/settings';
import { EscalationLadderInput } from './escalation-ladder-input';
import { UpwardTemplatesInput } from './upward-templates-input';

const fields: {
  name: Exclude<keyof Settings, 'totpRequiredRoles' | 'unitsSeeDistrictOverview' | 'escalationLadder' | 'upwardReportTemplates'>;
  min: number;
  max: number;
  unit?: string;
}[] = [
  { name: 'sessionIdleMinutes', min: 5, max: 1440, unit: 'minutes' },
  { name: 'sessionAbsoluteHours', min: 1, max: 168, unit: 'hours' },
  { name: 'lockoutAttempts', min: 3, max: 20, unit: 'times' },
  { name: 'lockoutMinutes', min: 1, max: 1440, unit: 'minutes' },
  { name: 'passwordMinLength', min: 8, max: 64, unit: 'chars' },
  { name: 'passwordMinClasses', min: 3, max: 4 },
  { name: 'backupRetentionCount', min: 1, max: 365, unit: 'backups' },
  { name: 'auditRetentionDays', min: 180, max: 3650, unit: 'days' },
  { name: 'siteCheckFlagDistanceM', min: 100, max: 50000, unit: 'metres' },
  { name: 'weeklySiteChecksRequired', min: 0, max: 14, unit: 'times' },
  { name: 'weeklySolvedOnSiteRequired', min: 0, max: 14, unit: 'problems' },
  { name: 'ragRecoveryDays', min: 1, max: 90, unit: 'days' },
  { name: 'burdenTargetFields', min: 1, max: 200, unit: 'fields' },
  { name: 'burdenTargetMinutes', min: 1, max: 120, unit: 'minutes' },
  { name: 'weeklyUpdateDueWeekday', min: 1, max: 7 },
];

export default function SettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { data, isPending, error } = useSettings();
  const save = useSaveSettings();
  const [form] = Form.useForm<Settings>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (data) form.setFieldsValue(data.effective);
  }, [data, form]);

  if (isPending) return <PageSpinner />;
  if (error || !data)
    return (
      <div className="kpc-page">
        <Alert type="error" showIcon title={describeError(error)} />
      </div>
    );

  const onFinish = (v: Settings) => {
    setFormError(null);
    // only the settings of this administrator's duty (三员); the others are shown, not sent
    const mine = Object.fromEntries(
      Object.entries(v).filter(([k]) => access.changeSetting(user, k as keyof Settings)),
    ) as Partial<Settings>;
    const checked = validateWith(updateSettingsBody, mine);
    if (!checked.ok) return void applyFieldIssues(form, checked.issues);
    save.mutate(checked.data, {
      onSuccess: () => message.success(t('common.saved')),
      onError: (e) => {
        if (isApiError(e, 'VALIDATION_FAILED') && e.fieldIssues.length) applyFieldIssues(form, e.fieldIssues);
        else setFormError(describeError(e));
      },
    });
  };

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.settings')}
          </Typography.Title>
        }
        extra={
          <Typography.Text type="secondary">
            {t('admin.settings.region', {
              code:
                data.regionCode === user.regionCode && user.regionName
                  ? `${user.regionName}（${data.regionCode}）`
                  : data.regionCode,
            })}
          </Typography.Text>
        }
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form<Settings> form={form} name="settings" layout="vertical" onFinish={onFinish} style={{ maxWidth: 720 }}>
          <Row gutter={16}>
            {fields.map((f) => (
              <Col xs={24} md={12} key={f.name}>
                <Form.Item
                  name={f.name}
                  label={
                    <span>
                      {t(`admin.settings.${f.name}`)}{' '}
                      {data.overrides[f.name] === undefined ? (
                        <Tag>{t('admin.settings.inherited')}</Tag>
                      ) : (
                        <Tag color="blue">{t('admin.settings.overridden')}</Tag>
                      )}
                    </span>
                  }
                  rules={[{ required: true }]}
                >
                  <InputNumber
                    disabled={!access.changeSetting(user, f.name)}
                    min={f.min}
                    max={f.max}
                    precision={0}
                    style={{ width: '100%' }}
                    suffix={f.unit ? t(`admin.settings.unit.${f.unit}`) : undefined}
                  />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24}>
              <Form.Item
                name="totpRequiredRoles"
                label={
                  <span>
                    {t('admin.settings.totpRequiredRoles')}{' '}
                    {data.overrides.totpRequiredRoles === undefined ? (
                      <Tag>{t('admin.settings.inherited')}</Tag>
                    ) : (
                      <Tag color="blue">{t('admin.settings.overridden')}</Tag>
                    )}
                  </span>
                }
                extra={t('admin.settings.totpRequiredRolesHint')}
              >
                <Select
                  mode="multiple"
                  allowClear
                  disabled={!access.changeSetting(user, 'totpRequiredRoles')}
                  options={optionsOf(totpRequirableRoles, totpRequirableRoleLabels)}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="unitsSeeDistrictOverview"
                valuePropName="checked"
                label={
                  <span>
                    {t('admin.settings.unitsSeeDistrictOverview')}{' '}
                    {data.overrides.unitsSeeDistrictOverview === undefined ? (
                      <Tag>{t('admin.settings.inherited')}</Tag>
                    ) : (
                      <Tag color="blue">{t('admin.settings.overridden')}</Tag>
                    )}
                  </span>
                }
                extra={t('admin.settings.unitsSeeDistrictOverviewHint')}
              >
                <Switch disabled={!access.changeSetting(user, 'unitsSeeDistrictOverview')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="escalationLadder"
                label={
                  <span>
                    {t('admin.settings.escalationLadder')}{' '}
                    {data.overrides.escalationLadder === undefined ? (
                      <Tag>{t('admin.settings.inherited')}</Tag>
                    ) : (
                      <Tag color="blue">{t('admin.settings.overridden')}</Tag>
                    )}
                  </span>
                }
                extra={t('admin.settings.escalationLadderHint')}
              >
                <EscalationLadderInput disabled={!access.changeSetting(user, 'escalationLadder')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="upwardReportTemplates"
                label={
                  <span>
                    {t('admin.settings.upwardReportTemplates')}{' '}
                    {data.overrides.upwardReportTemplates === undefined ? (
                      <Tag>{t('admin.settings.inherited')}</Tag>
                    ) : (
                      <Tag color="blue">{t('admin.settings.overridden')}</Tag>
                    )}
                  </span>
                }
                extra={t('admin.settings.upwardReportTemplatesHint')}
              >
                <UpwardTemplatesInput disabled={!access.changeSetting(user, 'upwardReportTemplates')} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

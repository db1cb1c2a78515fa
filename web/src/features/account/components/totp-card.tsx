/**
 * 两步验证: enrol an authenticator (QR code of the otpauth URI, the key for typing, confirm with a
 * code), the recovery codes shown once, and turning it off with the password and a code.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, QRCode, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/session';
import { useTotpDisable } from '../api/totp-disable';
import { useTotpEnable } from '../api/totp-enable';
import { useTotpSetup } from '../api/totp-setup';

const sixDigits = /^\d{6}$/;

export function TotpCard() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [disabling, setDisabling] = useState(false);

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('account.totp.title')}
        </Space>
      }
      extra={
        <Tag color={user.totpEnabled ? 'green' : 'default'} data-testid="totp-status">
          {user.totpEnabled ? t('account.totp.on') : t('account.totp.off')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.totp.intro')}</Typography.Paragraph>
      {user.totpEnrolmentRequired && (
        <Alert type="warning" showIcon title={t('account.totp.required')} style={{ marginBottom: 16 }} />
      )}
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : user.totpEnabled ? (
        disabling ? (
          <DisableForm onClose={() => setDisabling(false)} />
        ) : (
          <Button danger onClick={() => setDisabling(true)} data-testid="totp-disable-open">
            {t('account.totp.disable')}
          </Button>
        )
      ) : pending ? (
        <EnrolForm
          setup={pending}
          onEnabled={(codes) => {
            setPending(null);
            setRecoveryCodes(codes);
          }}
          onCancel={() => setPending(null)}
        />
      ) : (
        <StartButton onStarted={setPending} />
      )}
    </Card>
  );
}

function StartButton({ onStarted }: { onStarted: (s: TotpSetup) => void }) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  return (
    <>
      {setup.error && <Alert type="error" showIcon title={describeError(setup.error)} style={{ marginBottom: 12 }} />}
      <Button
        type="primary"
        loading={setup.isPending}
        onClick={() => setup.mutate(undefined, { onSuccess: onStarted })}
        data-testid="totp-start"
      >
        {t('account.totp.start')}
      </Button>
    </>
  );
}

function EnrolForm({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: TotpSetup;
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const enable = useTotpEnable();
  const [form] = Form.useForm<{ code: string }>();
  const onFinish = ({ code }: { code: string }) =>
    enable.mutate(code.trim(), {
      onSuccess: (r) => onEnabled(r.recoveryCodes),
      onError: (e) => {
        if (isApiError(e, 'TOTP_INVALID') || isApiError(e, 'VALIDATION_FAILED'))
          form.setFields([{ name: 'code', errors: [describeError(e)] }]);
      },
    });
  const otherError = enable.error && !isApiError(enable.error, 'TOTP_INVALID') && !isApiError(enable.error, 'VALIDATION_FAILED');
  return (
    <Flex wrap gap={24} align="flex-start">
      <div>
        <Typography.Paragraph>{t('account.totp.scan')}</Typography.Paragraph>
        <QRCode value={setup.uri} size={180} bordered={false} data-testid="totp-qr" />
        <Typography.Paragraph
          copyable={{ text: setup.secret }}
          code
          style={{ marginTop: 8, wordBreak: 'break-all' }}
          data-testid="totp-secret"
        >
          {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Typography.Paragraph>
      </div>
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        style={{ minWidth: 220, flex: '1 1 220px', maxWidth: 320 }}
      >
        {otherError && <Alert type="error" showIcon title={describeError(enable.error)} style={{ marginBottom: 12 }} />}
        <Form.Item
          name="code"
          label={t('account.totp.code')}
          extra={t('account.totp.codeHint')}
          rules={[{ required: true, pattern: sixDigits, message: t('account.totp.codeHint') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="totp-code" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-enable">
            {t('account.totp.enable')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Flex>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="totp-recovery-codes">
      <Alert type="success" showIcon title={t('account.totp.enabled')} style={{ marginBottom: 12 }} />
      <Typography.Title level={5}>{t('account.totp.recoveryTitle')}</Typography.Title>
      <Typography.Paragraph type="warning">{t('account.totp.recoveryHint')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: codes.join('\n') }}>
        <span style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 8, maxWidth: 560 }}>
          {codes.map((c) => (
            <Typography.Text key={c} code style={{ fontSize: 15 }}>
              {c}
            </Typography.Text>
          ))}
        </span>
      </Typography.Paragraph>
      <Button type="primary" onClick={onDone}>
        {t('account.totp.recoveryDone')}
      </Button>
    </div>
  );
}

function DisableForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const disable = useTotpDisable();
  const [form] = Form.useForm<{ password: string; code: string }>();
  const onFinish = (v: { password: string; code: string }) =>
    disable.mutate(
      { password: v.password, code: v.code.trim() },
      {
        onSuccess: () => {
          message.success(t('account.totp.disabled'));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'WRONG_PASSWORD')) form.setFields([{ name: 'password', errors: [describeError(e)] }]);
          else if (isApiError(e, 'TOTP_INVALID')) form.setFields([{ name: 'code', errors: [describeError(e)] }]);
        },
      },
    );
  const otherError = disable.error && !isApiError(disable.error, 'WRONG_PASSWORD') && !isApiError(disable.error, 'TOTP_INVALID');
  return (
    <Form<{ password: string; code: string }>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      requiredMark={false}
      style={{ maxWidth: 320 }}
    >
      <Typography.Paragraph>{t('account.totp.disableHint')}</Typography.Paragraph>
      {otherError && <Alert type="error" showIcon title={describeError(disable.error)} style={{ marginBottom: 12 }} />}
      <Form.Item name="password" label={t('account.totp.password')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="code" label={t('account.totp.disableCode')} rules={[{ required: true, whitespace: true }]}>
        <Input autoComplete="one-time-code" data-testid="totp-disable-code" />
      </Form.Item>
      <Space>
        <Button danger htmlType="submit" loading={disable.isPending} data-testid="totp-disable">
          {t('account.totp.disable')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

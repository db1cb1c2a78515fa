/**
 * 实地检查 on a phone at the site: the project (only the leader's own, or those whose task force the user
 * heads), the location from the browser (accuracy shown; a refusal or no GPS is recorded as such and never
 * blocks), findings, photos with thumbnails, problems raised and open problems of the project solved on the spot.
 *
 * Offline: the submission is kept on the phone before it is sent (lib/offline-queue.ts `submitOrQueue`, the
 * photos in IndexedDB through lib/offline-files.ts) and sent at once; with no signal it waits and the queue
 * sends it when the network returns, the check and then each photo, each with its own idempotency key, so it
 * is stored once however often it is retried.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { AimOutlined, CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { haversineM } from '@kpc/domain';
import {
  problemCategories,
  problemCategoryLabels,
  type CreateSiteCheckBody,
  type LocationStatus,
  type ProblemCategory,
} from '@kpc/contracts';
import { describeError, newIdempotencyKey } from '../../../lib/api';
import { optionsOf } from '../../../lib/i18n';
import { keepFile, keptFileId } from '../../../lib/offline-files';
import { submitOrQueue, useQueuedPosts } from '../../../lib/offline-queue';
import { useCurrentUser } from '../../../lib/session';
import { useBurden } from '../../../lib/burden';
import { createSiteCheckPath, siteCheckPhotosPath, siteCheckQueueTag, useSiteCheckTargets } from '../api/site-checks';
import './site-checks.css';

interface Location {
  status: LocationStatus | 'locating';
  lat?: number;
  lng?: number;
  accuracyM?: number;
}

interface Values {
  projectId?: number;
  findings?: string;
  raised?: { category?: ProblemCategory; description?: string }[];
}

function locate(): Promise<Location> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve({ status: 'unavailable' });
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          status: 'ok',
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracyM: Math.round(p.coords.accuracy),
        }),
      (e) => resolve({ status: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

export default function SiteCheckFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const targets = useSiteCheckTargets();
  const queued = useQueuedPosts(user.id).filter((q) => q.tag === siteCheckQueueTag);
  const [location, setLocation] = useState<Location>({ status: 'locating' });
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [solved, setSolved] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  // fields typed and seconds, sent with the check (填报负担, issue 12); the location and photos are not typed
  const burden = useBurden();

  const projectId = Form.useWatch('projectId', form);
  const projects = useMemo(() => targets.data?.projects ?? [], [targets.data]);
  const project = projects.find((p) => p.projectId === projectId);

  useEffect(() => {
    let live = true;
    void locate().then((l) => live && setLocation(l));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (form.getFieldValue('projectId') || !projects.length) return;
    const wanted = Number(params.get('projectId'));
    const pick = projects.find((p) => p.projectId === wanted)?.projectId ?? projects[0]!.projectId;
    form.setFieldValue('projectId', pick);
    burden.baseline({ projectId: pick });
  }, [projects, params, form, burden]);
  useEffect(() => setSolved({}), [projectId]);

  const distance =
    location.status === 'ok' && project?.lat != null && project.lng != null
      ? haversineM({ lat: location.lat!, lng: location.lng! }, { lat: project.lat, lng: project.lng })
      : null;

  const relocate = () => {
    setLocation({ status: 'locating' });
    void locate().then(setLocation);
  };

  const reset = () => {
    form.resetFields(['findings', 'raised']);
    setPhotos([]);
    setSolved({});
    burden.restart(form.getFieldsValue());
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!v.projectId || !project) return;
    const missing = Object.entries(solved).find(([, r]) => !r.trim());
    if (missing) {
      message.error(t('siteChecks.form.resolutionRequired'));
      return;
    }
    const key = newIdempotencyKey();
    const loc = location.status === 'locating' ? { status: 'unavailable' as const } : location;
    const body: CreateSiteCheckBody = {
      clientKey: key,
      projectId: v.projectId,
      checkedAt: new Date().toISOString(),
      location:
        loc.status === 'ok'
          ? { status: 'ok', lat: loc.lat, lng: loc.lng, accuracyM: loc.accuracyM }
          : { status: loc.status as LocationStatus },
      findings: v.findings?.trim() || undefined,
      problemsRaised: (v.raised ?? [])
        .filter((r) => r.category && r.description?.trim())
        .map((r) => ({ category: r.category!, description: r.description!.trim() })),
      problemsSolved: Object.entries(solved).map(([id, resolution]) => ({
        id: Number(id),
        version: project.openProblems.find((p) => p.id === Number(id))!.version,
        resolution: resolution.trim(),
      })),
      // a problem solved on the spot is two fields: its tick and its resolution
      burden: (({ fieldsTyped, seconds }) => ({ fieldsTyped: fieldsTyped + 2 * Object.keys(solved).length, seconds }))(
        burden.measure(),
      ),
    };
    setBusy(true);
    try {
      // the photos first, on the phone: they survive a closed tab and a lost signal
      const ids: string[] = [];
      for (const [i, f] of photos.entries()) {
        if (!f.originFileObj) continue;
        const id = keptFileId(key, i);
        await keepFile(id, { blob: f.originFileObj, name: f.name });
        ids.push(id);
      }
      const outcome = await submitOrQueue({
        key,
        userId: user.id,
        label: `${t('siteChecks.title')} · ${project.projectName}`,
        tag: siteCheckQueueTag,
        path: createSiteCheckPath,
        body,
        ...(ids.length ? { files: { path: siteCheckPhotosPath, ids } } : {}),
      });
      if (!outcome) {
        message.warning(t('siteChecks.form.queued'), 6);
        reset();
      } else if (outcome.kind === 'sent') {
        message.success(t('siteChecks.form.saved'));
        reset();
        await queryClient.invalidateQueries();
        navigate('/site-checks');
      } else message.error(describeError(outcome.error), 8);
    } catch (e) {
      message.error(t('offline.queueFailed', { reason: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  if (targets.data && !targets.data.canCreate)
    return (
      <div className="kpc-page kpc-site-check-form">
        <Alert type="info" showIcon title={t('siteChecks.form.notAChecker')} />
      </div>
    );

  return (
    <div className="kpc-page kpc-site-check-form">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('siteChecks.form.title')}
          </Typography.Title>
        }
        extra={<Link to="/site-checks">{t('siteChecks.list.title')}</Link>}
        styles={{ body: { paddingTop: 12 } }}
      >
        {targets.error && <Alert type="error" showIcon title={describeError(targets.error)} style={{ marginBottom: 12 }} />}
        {queued.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="site-check-queued"
            title={t('siteChecks.form.pending', { count: queued.length })}
            description={t('offline.pendingHint')}
          />
        )}
        <Form form={form} layout="vertical" requiredMark={false} disabled={busy} onValuesChange={burden.onValuesChange}>
          <Form.Item name="projectId" label={t('siteChecks.field.project')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={targets.isPending}
              options={projects.map((p) => ({ value: p.projectId, label: `${p.projectCode} ${p.projectName}` }))}
              data-testid="site-check-project"
            />
          </Form.Item>

          <div className="kpc-site-check-location" data-testid="site-check-location" data-status={location.status}>
            <div>
              <Typography.Text strong>{t('siteChecks.field.location')}</Typography.Text>
              <div data-testid="site-check-location-text">
                {location.status === 'locating' && (
                  <Typography.Text type="secondary">{t('siteChecks.location.locating')}</Typography.Text>
                )}
                {location.status === 'ok' && (
                  <>
                    <div>{t('siteChecks.location.accuracy', { m: location.accuracyM ?? '—' })}</div>
                    {distance !== null && (
                      <Typography.Text type={distance > (targets.data?.flagDistanceM ?? 1000) ? 'danger' : 'secondary'}>
                        {distance > (targets.data?.flagDistanceM ?? 1000)
                          ? t('siteChecks.location.flagged', { m: distance })
                          : t('siteChecks.location.distance', { m: distance })}
                      </Typography.Text>
                    )}
                  </>
                )}
                {location.status === 'denied' && <Tag color="orange">{t('siteChecks.location.denied')}</Tag>}
                {location.status === 'unavailable' && <Tag>{t('siteChecks.location.unavailable')}</Tag>}
              </div>
              {(location.status === 'denied' || location.status === 'unavailable') && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('siteChecks.location.stillSaved')}
                </Typography.Text>
              )}
            </div>
            <Button
              icon={<AimOutlined />}
              onClick={relocate}
              loading={location.status === 'locating'}
              data-testid="site-check-locate"
            >
              {t('siteChecks.location.use')}
            </Button>
          </div>

          <Form.Item name="findings" label={t('siteChecks.field.findings')}>
            <Input.TextArea
              rows={3}
              maxLength={4000}
              placeholder={t('siteChecks.field.findingsHint')}
              data-testid="site-check-findings"
            />
          </Form.Item>

          <Form.Item label={t('siteChecks.field.photos')}>
            <Upload
              listType="picture-card"
              accept="image/*"
              multiple
              fileList={photos}
              beforeUpload={() => false}
              onChange={({ fileList }) => setPhotos(fileList)}
              data-testid="site-check-photos"
            >
              {photos.length < 9 && (
                <div>
                  <CameraOutlined />
                  <div style={{ marginTop: 4, fontSize: 12 }}>{t('siteChecks.field.addPhoto')}</div>
                </div>
              )}
            </Upload>
          </Form.Item>

          <Typography.Text strong>{t('siteChecks.field.solved')}</Typography.Text>
          <div className="kpc-site-check-solved" data-testid="site-check-open-problems">
            {project && project.openProblems.length === 0 && (
              <Typography.Text type="secondary">{t('siteChecks.form.noOpenProblems')}</Typography.Text>
            )}
            {project?.openProblems.map((p) => (
              <div key={p.id} className="kpc-site-check-problem" data-testid="site-check-open-problem" data-problem-id={p.id}>
                <Checkbox
                  checked={p.id in solved}
                  onChange={(e) =>
                    setSolved((s) => {
                      const next = { ...s };
                      if (e.target.checked) next[p.id] = '';
                      else delete next[p.id];
                      return next;
                    })
                  }
                  data-testid="site-check-solve"
                >
                  <span>{p.description}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                    {p.unitName ?? ''}
                  </Typography.Text>
                </Checkbox>
                {p.id in solved && (
                  <Input.TextArea
                    rows={2}
                    maxLength={2000}
                    value={solved[p.id]}
                    placeholder={t('siteChecks.field.resolution')}
                    onChange={(e) => setSolved((s) => ({ ...s, [p.id]: e.target.value }))}
                    data-testid="site-check-resolution"
                    style={{ marginTop: 6 }}
                  />
                )}
              </div>
            ))}
          </div>

          <Typography.Text strong>{t('siteChecks.field.raised')}</Typography.Text>
          <Form.List name="raised">
            {(fields, { add, remove }) => (
              <div className="kpc-site-check-raised">
                {fields.map((f) => (
                  <div key={f.key} className="kpc-site-check-problem" data-testid="site-check-raised">
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item name={[f.name, 'category']} noStyle rules={[{ required: true }]}>
                        <Select
                          style={{ width: 110 }}
                          placeholder={t('siteChecks.field.category')}
                          options={optionsOf(problemCategories, problemCategoryLabels)}
                          data-testid="site-check-raised-category"
                        />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                    </Space.Compact>
                    <Form.Item
                      name={[f.name, 'description']}
                      rules={[{ required: true, whitespace: true }]}
                      style={{ margin: '6px 0 0' }}
                    >
                      <Input.TextArea
                        rows={2}
                        maxLength={2000}
                        placeholder={t('siteChecks.field.problemText')}
                        data-testid="site-check-raised-text"
                      />
                    </Form.Item>
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="site-check-raise">
                  {t('siteChecks.form.raise')}
                </Button>
              </div>
            )}
          </Form.List>

          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            onClick={() => void submit()}
            style={{ marginTop: 16 }}
            data-testid="site-check-submit"
          >
            {t('siteChecks.form.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

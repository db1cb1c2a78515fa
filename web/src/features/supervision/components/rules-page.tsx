/**
 * 评色规则: the supervision bureau's editor of a region's colour rules — one card per rule with its
 * thresholds (built from the contracts' table of thresholds, so a new rule needs no change here), "预览影响"
 * showing what the change would do (the sentence, the projects turning red / yellow / green, each
 * clickable), then "保存" with a note as the region's next version; the version history below.
 * Cards stack in one column on a phone.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ragLabels,
  ragRuleLabels,
  ratedRules,
  ragRuleSpecs,
  ragThresholdUnitLabels,
  type Rag,
  type RagRuleSetValues,
  type RagRuleSetView,
  type RagRulesPreview,
  type RagThresholdField,
} from '@kpc/contracts';
import { ApiError, describeError } from '../../../lib/api';
import { applyFieldIssues } from '../../../lib/form-errors';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { RegionSelect } from '../../../components/reference-select';
import { usePreviewRules, useRuleSet, useSaveRules } from '../api/rule-sets';
import './supervision.css';

type FormValues = Record<string, Record<string, number | string | null>>;

const textOf = (x: { 'zh-CN': string; en: string }) => x[currentLocale()];

const statColor: Record<Rag, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

// a share is stored 0–1 and edited as a percentage
const toForm = (rules: RagRuleSetValues): FormValues =>
  Object.fromEntries(
    ratedRules.map((rule) => [
      rule,
      Object.fromEntries(
        Object.entries(ragRuleSpecs[rule].fields).map(([k, f]) => {
          const v = rules[rule]?.[k] ?? null;
          return [k, f.kind === 'number' && f.unit === 'share' && typeof v === 'number' ? Math.round(v * 1000) / 10 : v];
        }),
      ),
    ]),
  );
const fromForm = (values: FormValues): RagRuleSetValues =>
  Object.fromEntries(
    ratedRules.map((rule) => [
      rule,
      Object.fromEntries(
        Object.entries(ragRuleSpecs[rule].fields).map(([k, f]) => {
          const v = values[rule]?.[k] ?? null;
          return [k, f.kind === 'number' && f.unit === 'share' && typeof v === 'number' ? Math.round(v * 10) / 1000 : v];
        }),
      ),
    ]),
  ) as RagRuleSetValues;

function ThresholdInput({ rule, name, field }: { rule: string; name: string; field: RagThresholdField }) {
  if (field.kind === 'rag')
    return (
      <Form.Item name={[rule, name]} label={textOf(field.label)} extra={textOf(field.help)}>
        <Radio.Group
          optionType="button"
          options={field.options.map((r) => ({ value: r, label: labelOf(ragLabels, r) }))}
          data-testid={`rule-${rule}-${name}`}
        />
      </Form.Item>
    );
  const share = field.unit === 'share';
  return (
    <Form.Item
      name={[rule, name]}
      label={textOf(field.label)}
      extra={textOf(field.help)}
      rules={field.nullable ? [] : [{ required: true }]}
    >
      <InputNumber
        style={{ width: '100%' }}
        min={share ? field.min * 100 : field.min}
        max={share ? field.max * 100 : field.max}
        precision={field.int ? 0 : 1}
        suffix={labelOf(ragThresholdUnitLabels, field.unit)}
        data-testid={`rule-${rule}-${name}`}
      />
    </Form.Item>
  );
}

function Source({ view }: { view: RagRuleSetView }) {
  const { t } = useTranslation();
  const text =
    view.source === 'own'
      ? t('supervisionRules.source.own', { region: view.regionName, version: view.version })
      : view.source === 'inherited'
        ? t('supervisionRules.source.inherited', { region: view.regionName, from: view.fromRegion?.name })
        : t('supervisionRules.source.default', { region: view.regionName });
  return (
    <Typography.Paragraph type="secondary" data-testid="rules-source">
      {text}
    </Typography.Paragraph>
  );
}

function PreviewResult({ preview }: { preview: RagRulesPreview }) {
  const { t } = useTranslation();
  const byColour = (c: Rag) => preview.changes.filter((x) => x.to === c);
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="rules-preview">
      <Alert
        type={preview.changes.length ? 'warning' : 'info'}
        showIcon
        title={<span data-testid="rules-preview-summary">{preview.summary}</span>}
        description={t('supervisionRules.preview.counts', {
          projects: preview.projects,
          red: `${preview.before.red}→${preview.after.red}`,
          yellow: `${preview.before.yellow}→${preview.after.yellow}`,
          green: `${preview.before.green}→${preview.after.green}`,
        })}
        style={{ marginBottom: 12 }}
      />
      <Row gutter={[12, 12]}>
        {(['red', 'yellow', 'green'] as const).map((c) =>
          byColour(c).length ? (
            <Col xs={24} md={8} key={c}>
              <Typography.Text strong style={{ color: statColor[c] }}>
                {t('supervisionRules.preview.turning', { colour: labelOf(ragLabels, c), count: byColour(c).length })}
              </Typography.Text>
              <List
                size="small"
                dataSource={byColour(c)}
                data-testid={`rules-preview-${c}`}
                renderItem={(x) => (
                  <List.Item data-testid="rules-preview-item">
                    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                      <Link to={`/projects/${x.projectId}`}>{x.name}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.code} · {labelOf(ragLabels, x.from)} → {labelOf(ragLabels, x.to)}
                      </Typography.Text>
                      {x.reasons[0] && <Typography.Text style={{ fontSize: 12 }}>{x.reasons[0].message}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            </Col>
          ) : null,
        )}
      </Row>
    </Card>
  );
}

export default function RulesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [regionCode, setRegionCode] = useState(user.regionCode);
  const { data: view, isPending, error } = useRuleSet(regionCode);
  const preview = usePreviewRules(regionCode);
  const save = useSaveRules(regionCode);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const previewRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!view) return;
    form.setFieldsValue(toForm(view.rules));
    // a new region or a saved version: start again from what is in force
    preview.reset();
  }, [view]);

  const current = async (): Promise<RagRuleSetValues | null> => {
    try {
      return fromForm(await form.validateFields());
    } catch {
      return null;
    }
  };
  const showIssues = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const issues = e.fieldIssues.map((i) => ({ ...i, field: i.field.replace(/^rules\./, '') }));
    setProblems(applyFieldIssues(form, issues).map((i) => `${i.field}: ${i.message}`));
  };
  const onPreview = async () => {
    const rules = await current();
    if (!rules) return;
    setProblems([]);
    preview.mutate(rules, {
      onError: showIssues,
      // the result sits below the cards: bring it into view
      onSuccess: () => requestAnimationFrame(() => previewRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })),
    });
  };
  const onSave = async () => {
    const rules = await current();
    if (!rules || !view) return;
    save.mutate(
      { rules, version: view.version, note: note.trim() },
      {
        onSuccess: () => {
          setSaving(false);
          setNote('');
        },
        onError: (e) => {
          showIssues(e);
          if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') setSaving(false);
        },
      },
    );
  };

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.supervisionRules')}
          </Typography.Title>
        }
        extra={
          <RegionSelect
            allowClear={false}
            style={{ minWidth: 160 }}
            value={regionCode}
            onChange={(v) => v && setRegionCode(v)}
            data-testid="rules-region"
          />
        }
      >
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending || !view ? (
          <Skeleton active />
        ) : (
          <>
            <Source view={view} />
            <Form<FormValues> form={form} name="rag-rules" layout="vertical" onValuesChange={() => preview.reset()}>
              <Row gutter={[16, 16]}>
                {ratedRules.map((rule) => {
                  const spec = ragRuleSpecs[rule];
                  return (
                    <Col xs={24} lg={12} key={rule}>
                      <Card
                        size="small"
                        title={labelOf(ragRuleLabels, rule)}
                        data-testid={`rule-card-${rule}`}
                        style={{ height: '100%' }}
                      >
                        <Typography.Paragraph type="secondary">{textOf(spec.about)}</Typography.Paragraph>
                        <Row gutter={12}>
                          {Object.entries(spec.fields).map(([name, field]) => (
                            <Col xs={24} sm={12} key={name}>
                              <ThresholdInput rule={rule} name={name} field={field} />
                            </Col>
                          ))}
                        </Row>
                      </Card>
                    </Col>
                  );
                })}
              </Row>
            </Form>
            {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginTop: 16 }} />}
            {preview.error && !(preview.error instanceof ApiError && preview.error.fieldIssues.length) && (
              <Alert type="error" showIcon title={describeError(preview.error)} style={{ marginTop: 16 }} />
            )}
            <Space wrap className="kpc-rules-actions" style={{ display: 'flex' }}>
              <Button onClick={() => void onPreview()} loading={preview.isPending} data-testid="rules-preview-button">
                {t('supervisionRules.preview.button')}
              </Button>
              <Button type="primary" onClick={() => setSaving(true)} data-testid="rules-save-button">
                {t('supervisionRules.save.button')}
              </Button>
              <Button onClick={() => (form.setFieldsValue(toForm(view.rules)), preview.reset(), setProblems([]))}>
                {t('supervisionRules.reset')}
              </Button>
            </Space>
            <div ref={previewRef} style={{ scrollMarginTop: 80 }}>
              {preview.data && <PreviewResult preview={preview.data} />}
            </div>
            <Typography.Title level={5}>{t('supervisionRules.history.title')}</Typography.Title>
            {view.history.length === 0 ? (
              <Empty description={t('supervisionRules.history.none')} />
            ) : (
              <List
                size="small"
                dataSource={view.history}
                data-testid="rules-history"
                renderItem={(h) => (
                  <List.Item>
                    <Space orientation="vertical" size={0}>
                      <Space wrap>
                        <Tag>{t('supervisionRules.history.version', { version: h.version })}</Tag>
                        <Typography.Text>{h.by}</Typography.Text>
                        <Typography.Text type="secondary">{new Date(h.createdAt).toLocaleString()}</Typography.Text>
                      </Space>
                      <Typography.Text>{h.note || t('supervisionRules.history.noNote')}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Card>
      <Modal
        open={saving}
        title={t('supervisionRules.save.title')}
        onCancel={() => setSaving(false)}
        onOk={() => void onSave()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'rules-save-ok' } as Record<string, string>}
        confirmLoading={save.isPending}
      >
        {save.error && <Alert type="error" showIcon title={describeError(save.error)} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">
          {preview.data ? preview.data.summary : t('supervisionRules.save.noPreview')}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('supervisionRules.save.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="rules-save-note"
        />
      </Modal>
    </div>
  );
}

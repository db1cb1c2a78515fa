/**
 * Create or edit a project. The contracts' schema validates before sending; the server's field
 * details land on the same fields; a 409 shows who changed what and offers a reload.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import {
  createProjectBody,
  projectCategories,
  projectCategoryLabels,
  projectLevelLabels,
  projectLevels,
  updateProjectBody,
  type FieldIssue,
  type ProjectDetail,
} from '@kpc/contracts';
import { optionsOf } from '../../../lib/i18n';
import { wanInputPattern } from '../../../lib/money';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues, validateWith } from '../../../lib/form-errors';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { EnterpriseSelect, LeaderSelect, RegionSelect, UnitSelect } from '../../../components/reference-select';
import { PageSpinner } from '../../../components/page-spinner';
import { Forbidden } from '../../../components/status-pages';
import { useProject } from '../api/get-project';
import { useCreateProject } from '../api/create-project';
import { useUpdateProject } from '../api/update-project';
import { projectKeys } from '../api/keys';
import { ConflictModal } from './conflict-modal';
import { TaskForceEditor } from './task-force-editor';
import { dateFields, formValuesToBody, projectToFormValues, type ProjectFormValues } from './project-form-values';

export default function ProjectFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data: project, error, isPending } = useProject(id);

  if (id === undefined) return access.createProject(user) ? <ProjectForm /> : <Forbidden />;
  if (isPending) return <PageSpinner />;
  if (error || !project)
    return <Result status="warning" title={describeError(error)} extra={<Link to="/projects">{t('project.backToList')}</Link>} />;
  if (!project.permissions.edit) return <Forbidden />;
  return <ProjectForm project={project} />;
}

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 12, xl: 8 };

function ProjectForm({ project }: { project?: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<ProjectFormValues>();
  const queryClient = useQueryClient();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? 0);
  const [version, setVersion] = useState(project?.version);
  const [conflict, setConflict] = useState<ProjectDetail | null>(null);
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (project) form.setFieldsValue(projectToFormValues(project));
  }, [project, form]);

  const moneyRule = { pattern: wanInputPattern, message: t('project.money.invalid') };

  const onServerError = (e: unknown) => {
    if (isApiError(e, 'VERSION_CONFLICT')) {
      const current = (e.details as { current?: ProjectDetail } | undefined)?.current;
      if (current) setConflict(current);
      else setFormError(describeError(e));
    } else if (isApiError(e, 'VALIDATION_FAILED') && e.fieldIssues.length > 0) {
      setUnplaced(applyFieldIssues(form, e.fieldIssues));
    } else if (isApiError(e, 'DUPLICATE')) {
      form.setFields([{ name: 'code', errors: [describeError(e)] }]);
    } else setFormError(describeError(e));
  };

  const onFinish = (values: ProjectFormValues) => {
    setUnplaced([]);
    setFormError(null);
    const body = formValuesToBody(values);
    if (project) {
      const checked = validateWith(updateProjectBody, { version, ...body });
      if (!checked.ok) return setUnplaced(applyFieldIssues(form, checked.issues));
      update.mutate(checked.data, {
        onSuccess: (p) => {
          message.success(t('common.saved'));
          navigate(`/projects/${p.id}`);
        },
        onError: onServerError,
      });
    } else {
      const checked = validateWith(createProjectBody, body);
      if (!checked.ok) return setUnplaced(applyFieldIssues(form, checked.issues));
      create.mutate(checked.data, {
        onSuccess: (p) => {
          message.success(t('common.saved'));
          navigate(`/projects/${p.id}`);
        },
        onError: onServerError,
      });
    }
  };

  const reloadCurrent = () => {
    if (!conflict) return;
    queryClient.setQueryData(projectKeys.detail(conflict.id), conflict);
    form.resetFields();
    form.setFieldsValue(projectToFormValues(conflict));
    setVersion(conflict.version);
    setConflict(null);
  };

  const dateItem = (name: (typeof dateFields)[number]) => (
    <Col {...third} key={name}>
      <Form.Item name={name} label={t(`project.field.${name}`)}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <div className="kpc-page">
      <Form<ProjectFormValues>
        form={form}
        name="project"
        layout="vertical"
        onFinish={onFinish}
        initialValues={project ? undefined : { regionCode: user.regionCode, taskForce: [], contacts: [], tags: [] }}
        scrollToFirstError
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {project ? t('project.editTitle', { name: project.name }) : t('project.new')}
          </Typography.Title>
          {formError && <Alert type="error" showIcon title={formError} closable onClose={() => setFormError(null)} />}
          {unplaced.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('project.form.otherIssues')}
              description={unplaced.map((i) => `${i.field}: ${i.message}`).join('；')}
            />
          )}

          <Card title={t('project.section.basic')}>
            <Row gutter={16}>
              <Col {...third}>
                <Form.Item name="code" label={t('project.field.code')} required>
                  <Input maxLength={32} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={16}>
                <Form.Item name="name" label={t('project.field.name')} required>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="level" label={t('project.field.level')} required>
                  <Select options={optionsOf(projectLevels, projectLevelLabels)} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="category" label={t('project.field.category')} required>
                  <Select options={optionsOf(projectCategories, projectCategoryLabels)} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="industryChain" label={t('project.field.industryChain')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="enterpriseId" label={t('project.field.enterprise')}>
                  <EnterpriseSelect />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="regionCode" label={t('project.field.region')} required>
                  <RegionSelect allowClear={false} />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="location" label={t('project.field.location')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={4}>
                <Form.Item name="lat" label={t('project.field.lat')}>
                  <InputNumber style={{ width: '100%' }} min={-90} max={90} controls={false} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={4}>
                <Form.Item name="lng" label={t('project.field.lng')}>
                  <InputNumber style={{ width: '100%' }} min={-180} max={180} controls={false} />
                </Form.Item>
              </Col>
              <Col xs={24} xl={16}>
                <Form.Item name="tags" label={t('project.field.tags')}>
                  <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="description" label={t('project.field.description')}>
                  <Input.TextArea rows={3} maxLength={2000} showCount />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={`${t('project.section.investment')}（${t('project.money.unitWan')}）`}>
            <Row gutter={16}>
              <Col {...half} xl={6}>
                <Form.Item name="totalInvestment" label={t('project.field.totalInvestment')} required rules={[moneyRule]}>
                  <Input inputMode="decimal" suffix={t('project.money.unitWan')} />
                </Form.Item>
              </Col>
              <Col {...half} xl={6}>
                <Form.Item name="firstPhaseInvestment" label={t('project.field.firstPhaseInvestment')} rules={[moneyRule]}>
                  <Input inputMode="decimal" suffix={t('project.money.unitWan')} />
                </Form.Item>
              </Col>
              <Col {...half} xl={6}>
                <Form.Item name="targetOutputValue" label={t('project.field.targetOutputValue')} rules={[moneyRule]}>
                  <Input inputMode="decimal" suffix={t('project.money.unitWan')} />
                </Form.Item>
              </Col>
              <Col {...half} xl={6}>
                <Form.Item name="targetTax" label={t('project.field.targetTax')} rules={[moneyRule]}>
                  <Input inputMode="decimal" suffix={t('project.money.unitWan')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('project.section.dates')}>
            <Row gutter={16}>{dateFields.map(dateItem)}</Row>
          </Card>

          <Card title={t('project.section.responsibility')}>
            <Row gutter={16}>
              <Col {...third}>
                <Form.Item name="leaderId" label={t('project.field.leader')}>
                  <LeaderSelect />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="leadUnitId" label={t('project.field.leadUnit')}>
                  <UnitSelect />
                </Form.Item>
              </Col>
              <Col {...third}>
                <Form.Item name="cooperatingUnitIds" label={t('project.field.cooperatingUnits')}>
                  <UnitSelect mode="multiple" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('project.field.taskForce')}</Typography.Title>
            <TaskForceEditor />
          </Card>

          <Card title={t('project.field.contacts')}>
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map(({ key, name }) => (
                    <Row gutter={8} key={key}>
                      <Col xs={24} sm={8}>
                        <Form.Item name={[name, 'name']} label={t('project.contact.name')} required>
                          <Input maxLength={64} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={7}>
                        <Form.Item name={[name, 'role']} label={t('project.contact.role')}>
                          <Input maxLength={64} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} sm={7}>
                        <Form.Item name={[name, 'phone']} label={t('project.contact.phone')}>
                          <Input maxLength={20} inputMode="tel" />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2} style={{ display: 'flex', alignItems: 'center' }}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => remove(name)}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('project.contact.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>

          <Card>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="project-form-submit">
                {t('common.save')}
              </Button>
              <Button onClick={() => navigate(project ? `/projects/${project.id}` : '/projects')}>{t('common.cancel')}</Button>
            </Space>
          </Card>
        </Space>
      </Form>
      <ConflictModal current={conflict} onReload={reloadCurrent} onCancel={() => setConflict(null)} />
    </div>
  );
}

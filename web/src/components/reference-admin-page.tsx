/**
 * A searchable table of one kind of reference data (units, leaders, enterprises) with create and
 * edit in a modal. Validation issues land on fields; a stale version reloads the list.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError, isApiError } from '../lib/api';
import { applyFieldIssues } from '../lib/form-errors';
import type { SaveResult } from '../lib/save';
import { validatedValues } from '../lib/forms';
import { access } from '../lib/access';
import { useCurrentUser } from '../lib/session';
import { RegionSelect } from './reference-select';

interface Props<T extends { id: number }, V extends object> {
  title: string;
  formName: string;
  rows: T[] | undefined;
  loading: boolean;
  error: unknown;
  columns: TableColumnsType<T>;
  searchText: (row: T) => string;
  /** The form's fields; `row` is null when creating. */
  fields: (row: T | null) => ReactNode;
  toFormValues: (row: T) => V;
  initialValues?: Partial<V>;
  save: (values: V, row: T | null) => Promise<SaveResult<unknown>>;
  onConflict: () => void;
  canEdit: boolean;
  scrollX?: number;
}

export function ReferenceAdminPage<T extends { id: number }, V extends object>(props: Props<T, V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<T | null | undefined>(undefined); // undefined: closed, null: new
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const needle = q.trim().toLowerCase();
  const rows = (props.rows ?? []).filter((r) => !needle || props.searchText(r).toLowerCase().includes(needle));

  const open = (row: T | null) => {
    setFormError(null);
    form.resetFields();
    if (row) form.setFieldsValue(props.toFormValues(row) as Parameters<typeof form.setFieldsValue>[0]);
    else if (props.initialValues) form.setFieldsValue(props.initialValues as Parameters<typeof form.setFieldsValue>[0]);
    setEditing(row);
  };

  const onOk = async () => {
    const values = await validatedValues(form);
    if (!values) return;
    setSaving(true);
    setFormError(null);
    try {
      const r = await props.save(values, editing ?? null);
      if (!r.ok) {
        const rest = applyFieldIssues(form, r.issues);
        if (rest.length) setFormError(rest.map((i) => `${i.field}: ${i.message}`).join('；'));
        return;
      }
      message.success(t('common.saved'));
      setEditing(undefined);
    } catch (e) {
      if (isApiError(e, 'VALIDATION_FAILED') && e.fieldIssues.length) {
        const rest = applyFieldIssues(form, e.fieldIssues);
        if (rest.length) setFormError(rest.map((i) => `${i.field}: ${i.message}`).join('；'));
      } else if (isApiError(e, 'VERSION_CONFLICT')) {
        message.warning(t('common.conflictReloaded'));
        props.onConflict();
        setEditing(undefined);
      } else setFormError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<T> = [
    ...props.columns,
    ...(props.canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, row: T) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => open(row)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
        }
        extra={
          props.canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid={`${props.formName}-new`}>
              {t('common.create')}
            </Button>
          )
        }
      >
        <Space style={{ marginBottom: 12 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('common.search')}
            onSearch={setQ}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 260, maxWidth: '100%' }}
          />
          <Typography.Text type="secondary">{t('common.totalCount', { count: rows.length })}</Typography.Text>
        </Space>
        {props.error ? <Alert type="error" showIcon title={describeError(props.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<T>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={props.loading}
          scroll={{ x: props.scrollX ?? 800 }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, size: 'small' }}
        />
      </Card>
      <Modal
        open={editing !== undefined}
        title={editing ? t('common.edit') : t('common.create')}
        onCancel={() => setEditing(undefined)}
        onOk={() => void onOk()}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form<V> form={form} name={props.formName} layout="vertical">
          {editing !== undefined && props.fields(editing)}
        </Form>
      </Modal>
    </div>
  );
}

/** A text field of a region's reference data, shown both as a table column and as a form input. */
export interface ReferenceTextField<V> {
  name: keyof V & string;
  label: string;
  /** The column's width in the table. */
  width: number;
  maxLength: number;
  required?: boolean;
  tel?: boolean;
}

interface RegionProps<T extends { id: number }, V extends object> {
  title: string;
  formName: string;
  list: { data?: { items: T[] }; isLoading: boolean; error: unknown };
  saver: { save: (values: V, row: T | null) => Promise<SaveResult<unknown>>; refresh: () => Promise<unknown> };
  searchText: (row: T) => string;
  /** The text fields in form order; `'region'` marks where the region select stands when creating. */
  fields: (ReferenceTextField<V> | 'region')[];
  /** The rows have an `active` flag: a status column, new rows active, and a switch when editing. */
  hasActive?: boolean;
  scrollX?: number;
}

/** The reference data of the user's region (units, leaders, enterprises): its list, columns and form. */
export function RegionReferenceAdminPage<T extends { id: number }, V extends object>(props: RegionProps<T, V>) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const textFields = props.fields.filter((f) => f !== 'region');
  return (
    <ReferenceAdminPage<T, V>
      title={props.title}
      formName={props.formName}
      rows={props.list.data?.items}
      loading={props.list.isLoading}
      error={props.list.error}
      canEdit={access.referenceData(user)}
      searchText={props.searchText}
      scrollX={props.scrollX}
      columns={[
        ...textFields.map((f) => ({ title: f.label, dataIndex: f.name, width: f.width })),
        ...(props.hasActive
          ? [
              {
                title: t('admin.common.status'),
                dataIndex: 'active',
                width: 90,
                render: (a: boolean) =>
                  a ? <Tag color="green">{t('admin.common.active')}</Tag> : <Tag>{t('admin.common.inactive')}</Tag>,
              },
            ]
          : []),
      ]}
      toFormValues={(row) => ({ ...row }) as unknown as V}
      initialValues={{ regionCode: user.regionCode, ...(props.hasActive ? { active: true } : {}) } as unknown as Partial<V>}
      save={props.saver.save}
      onConflict={() => void props.saver.refresh()}
      fields={(row) => (
        <>
          {props.fields.map((f) =>
            f === 'region' ? (
              !row && (
                <Form.Item key="regionCode" name="regionCode" label={t('admin.common.region')} required>
                  <RegionSelect allowClear={false} />
                </Form.Item>
              )
            ) : (
              <Form.Item key={f.name} name={f.name as string} label={f.label} required={f.required}>
                <Input maxLength={f.maxLength} inputMode={f.tel ? 'tel' : undefined} />
              </Form.Item>
            ),
          )}
          {row && props.hasActive && (
            <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </>
      )}
    />
  );
}

/**
 * The upward report templates 上报报表模板 (issue 12 item 4): each template a key, a title, the money
 * unit and its columns — a header as the receiving office prints it, mapped to a field of the catalogue.
 * The value is the setting itself; the server checks it (unique keys, known fields).
 */
import { Button, Card, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  upwardReportFieldCatalogue,
  upwardReportFields,
  type UpwardReportField,
  type UpwardReportTemplate,
} from '@kpc/contracts';
import { currentLocale } from '../../../lib/i18n';

export function UpwardTemplatesInput(props: {
  value?: UpwardReportTemplate[];
  onChange?: (v: UpwardReportTemplate[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const list = props.value ?? [];
  const locale = currentLocale();
  const fieldOptions = upwardReportFields.map((f) => ({ value: f, label: upwardReportFieldCatalogue[f][locale] }));
  const put = (i: number, next: UpwardReportTemplate | null) =>
    props.onChange?.(next === null ? list.filter((_, j) => j !== i) : list.map((x, j) => (j === i ? next : x)));
  const add = () =>
    props.onChange?.([
      ...list,
      { id: `template-${list.length + 1}`, name: '', moneyUnit: 'wan', columns: [{ header: '项目名称', field: 'name' }] },
    ]);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="settings-upward-templates">
      {list.map((tpl, i) => (
        <Card
          key={i}
          size="small"
          data-testid="settings-upward-template"
          title={
            <Space wrap size={8}>
              <Input
                value={tpl.id}
                disabled={props.disabled}
                onChange={(e) => put(i, { ...tpl, id: e.target.value })}
                aria-label={t('admin.settings.upwardTemplates.id')}
                placeholder={t('admin.settings.upwardTemplates.id')}
                style={{ width: 170 }}
              />
              <Input
                value={tpl.name}
                disabled={props.disabled}
                onChange={(e) => put(i, { ...tpl, name: e.target.value })}
                aria-label={t('admin.settings.upwardTemplates.name')}
                placeholder={t('admin.settings.upwardTemplates.name')}
                style={{ width: 240 }}
              />
              <Select
                value={tpl.moneyUnit}
                disabled={props.disabled}
                onChange={(v) => put(i, { ...tpl, moneyUnit: v })}
                options={[
                  { value: 'wan', label: t('upward.unitWan') },
                  { value: 'yuan', label: t('upward.unitYuan') },
                ]}
                aria-label={t('admin.settings.upwardTemplates.unit')}
                style={{ width: 100 }}
              />
            </Space>
          }
          extra={
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={props.disabled || list.length <= 1}
              onClick={() => put(i, null)}
              aria-label={t('admin.settings.upwardTemplates.remove')}
            />
          }
        >
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {tpl.columns.map((c, k) => {
              const setColumn = (next: { header: string; field: UpwardReportField } | null) =>
                put(i, {
                  ...tpl,
                  columns:
                    next === null ? tpl.columns.filter((_, j) => j !== k) : tpl.columns.map((x, j) => (j === k ? next : x)),
                });
              return (
                <Space key={k} size={6} wrap>
                  <Input
                    value={c.header}
                    disabled={props.disabled}
                    onChange={(e) => setColumn({ ...c, header: e.target.value })}
                    aria-label={t('admin.settings.upwardTemplates.header')}
                    style={{ width: 180 }}
                  />
                  <Select
                    value={c.field}
                    disabled={props.disabled}
                    onChange={(v) => setColumn({ ...c, field: v })}
                    options={fieldOptions}
                    aria-label={t('admin.settings.upwardTemplates.field')}
                    style={{ width: 240 }}
                  />
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    disabled={props.disabled || tpl.columns.length <= 1}
                    onClick={() => setColumn(null)}
                    aria-label={t('admin.settings.upwardTemplates.removeColumn')}
                  />
                </Space>
              );
            })}
            <Button
              size="small"
              icon={<PlusOutlined />}
              disabled={props.disabled}
              onClick={() => put(i, { ...tpl, columns: [...tpl.columns, { header: '', field: 'name' }] })}
            >
              {t('admin.settings.upwardTemplates.addColumn')}
            </Button>
          </Space>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} disabled={props.disabled} onClick={add}>
        {t('admin.settings.upwardTemplates.add')}
      </Button>
    </Space>
  );
}

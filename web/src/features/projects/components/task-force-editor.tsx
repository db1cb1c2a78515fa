/** Editable list of task-force members (专班) with their posts, inside the project form. */
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { taskForcePostLabels, taskForcePosts } from '@kpc/contracts';
import { optionsOf } from '../../../lib/i18n';
import { UnitSelect } from '../../../components/reference-select';

export function TaskForceEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="taskForce">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Card key={key} size="small" style={{ marginBottom: 8, background: '#fafbfd' }}>
              <Row gutter={8}>
                <Col xs={24} sm={12} lg={5}>
                  <Form.Item style={{ marginBottom: 8 }} name={[name, 'name']} label={t('project.taskForce.name')} required>
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={4}>
                  <Form.Item style={{ marginBottom: 8 }} name={[name, 'post']} label={t('project.taskForce.post')} required>
                    <Select options={optionsOf(taskForcePosts, taskForcePostLabels)} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item style={{ marginBottom: 8 }} name={[name, 'unitId']} label={t('project.taskForce.unit')}>
                    <UnitSelect />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={4}>
                  <Form.Item style={{ marginBottom: 8 }} name={[name, 'phone']} label={t('project.taskForce.phone')}>
                    <Input maxLength={20} inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={22} lg={4}>
                  <Form.Item style={{ marginBottom: 8 }} name={[name, 'duty']} label={t('project.taskForce.duty')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2} lg={1} style={{ display: 'flex', alignItems: 'center' }}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    onClick={() => remove(name)}
                  />
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ post: 'member' })}
            data-testid="task-force-add"
          >
            {t('project.taskForce.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

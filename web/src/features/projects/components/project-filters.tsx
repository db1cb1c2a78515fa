/** Filter bar of the project list: level, stage, category, unit, leader, township, text search. */
import { useEffect, useState } from 'react';
import { Button, Col, Input, Row, Select, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { projectCategories, projectCategoryLabels, projectLevelLabels, projectLevels, stageLabels, stages } from '@kpc/contracts';
import { optionsOf } from '../../../lib/i18n';
import { LeaderSelect, RegionSelect, UnitSelect } from '../../../components/reference-select';
import type { ProjectListQuery } from '../api/list-projects';
import type { FilterPatch } from './use-project-filters';

interface Props {
  query: ProjectListQuery;
  onChange: (patch: FilterPatch) => void;
  onReset: () => void;
}

export function ProjectFilters({ query, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(query.q ?? '');
  useEffect(() => setQ(query.q ?? ''), [query.q]);

  const col = { xs: 12, sm: 12, md: 8, lg: 6, xl: 4 };
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={24} sm={24} md={16} lg={12} xl={8}>
        {/* a plain Input (not Input.Search) so the test id lands on the <input> itself */}
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('project.filter.q')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            if (e.target.value === '') onChange({ q: undefined });
          }}
          onPressEnter={() => onChange({ q: q.trim() })}
          onBlur={() => q.trim() !== (query.q ?? '') && onChange({ q: q.trim() })}
          data-testid="project-filter-q"
        />
      </Col>
      <Col {...col}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('project.field.level')}
          value={query.level}
          options={optionsOf(projectLevels, projectLevelLabels)}
          onChange={(v) => onChange({ level: v })}
          data-testid="project-filter-level"
        />
      </Col>
      <Col {...col}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('project.field.stage')}
          value={query.stage}
          options={optionsOf(stages, stageLabels)}
          onChange={(v) => onChange({ stage: v })}
          data-testid="project-filter-stage"
        />
      </Col>
      <Col {...col}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('project.field.category')}
          value={query.category}
          options={optionsOf(projectCategories, projectCategoryLabels)}
          onChange={(v) => onChange({ category: v })}
          data-testid="project-filter-category"
        />
      </Col>
      <Col {...col}>
        <UnitSelect
          style={{ width: '100%' }}
          placeholder={t('project.filter.unit')}
          value={query.unitId}
          onChange={(v) => onChange({ unitId: v })}
          data-testid="project-filter-unit"
        />
      </Col>
      <Col {...col}>
        <LeaderSelect
          style={{ width: '100%' }}
          placeholder={t('project.field.leader')}
          value={query.leaderId}
          onChange={(v) => onChange({ leaderId: v })}
          data-testid="project-filter-leader"
        />
      </Col>
      <Col {...col}>
        <RegionSelect
          levels={['township']}
          style={{ width: '100%' }}
          placeholder={t('project.filter.township')}
          value={query.regionCode}
          onChange={(v) => onChange({ regionCode: v })}
          data-testid="project-filter-region"
        />
      </Col>
      <Col {...col}>
        <Button onClick={onReset}>{t('common.reset')}</Button>
      </Col>
      {query.ids && (
        <Col span={24}>
          <Tag closable onClose={() => onChange({ ids: undefined })} color="blue">
            {t('project.filter.ids', { count: query.ids.split(',').length })}
          </Tag>
        </Col>
      )}
    </Row>
  );
}

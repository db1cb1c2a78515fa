/**
 * The portfolio filter bar of 挂图作战 and 节点预警: unit, leader, level and stage selects.
 * Each page keeps its own filter state, labels and test ids.
 */
import type { CSSProperties } from 'react';
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { projectLevelLabels, projectLevels, stageLabels, stages, type ProjectLevel, type Stage } from '@kpc/contracts';
import { optionsOf } from '../lib/i18n';
import { useLeaders, useUnits } from '../lib/reference-data';

export interface PortfolioFilterValues {
  unitId?: number;
  leaderId?: number;
  level?: ProjectLevel;
  stage?: Stage;
}

interface Props {
  value: PortfolioFilterValues;
  onChange: (patch: Partial<PortfolioFilterValues>) => void;
  /** The selects' placeholders are the translations of `${i18nPrefix}.filter.unit` (and leader, level, stage). */
  i18nPrefix: string;
  /** The selects' test ids are `${testIdPrefix}-filter-unit` and so on. */
  testIdPrefix: string;
  style?: CSSProperties;
}

export function PortfolioFilters({ value, onChange, i18nPrefix, testIdPrefix, style }: Props) {
  const { t } = useTranslation();
  const units = useUnits().data?.items ?? [];
  const leaders = useLeaders().data?.items ?? [];
  return (
    <Space wrap style={style}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t(`${i18nPrefix}.filter.unit`)}
        style={{ width: 180 }}
        data-testid={`${testIdPrefix}-filter-unit`}
        value={value.unitId}
        onChange={(v?: number) => onChange({ unitId: v })}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t(`${i18nPrefix}.filter.leader`)}
        style={{ width: 140 }}
        data-testid={`${testIdPrefix}-filter-leader`}
        value={value.leaderId}
        onChange={(v?: number) => onChange({ leaderId: v })}
        options={leaders.map((l) => ({ value: l.id, label: l.name }))}
      />
      <Select
        allowClear
        placeholder={t(`${i18nPrefix}.filter.level`)}
        style={{ width: 120 }}
        data-testid={`${testIdPrefix}-filter-level`}
        value={value.level}
        onChange={(v) => onChange({ level: v })}
        options={optionsOf(projectLevels, projectLevelLabels)}
      />
      <Select
        allowClear
        placeholder={t(`${i18nPrefix}.filter.stage`)}
        style={{ width: 110 }}
        data-testid={`${testIdPrefix}-filter-stage`}
        value={value.stage}
        onChange={(v) => onChange({ stage: v })}
        options={optionsOf(stages, stageLabels)}
      />
    </Space>
  );
}

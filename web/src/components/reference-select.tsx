/** Selects over reference data (units, leaders, enterprises, regions), searchable by name. */
import { Select, type SelectProps } from 'antd';
import { regionLevelLabels, type RegionLevel } from '@kpc/contracts';
import { labelOf } from '../lib/i18n';
import { useEnterprises, useLeaders, useRegions, useUnits } from '../lib/reference-data';

type Props<V> = Omit<SelectProps<V>, 'options' | 'loading'>;

const searchable = { showSearch: { optionFilterProp: 'label' as const } };

export function UnitSelect<V = number>(props: Props<V>) {
  const { data, isLoading } = useUnits();
  return (
    <Select<V>
      allowClear
      {...searchable}
      loading={isLoading}
      options={(data?.items ?? []).map((u) => ({ value: u.id, label: u.name, disabled: !u.active }))}
      {...props}
    />
  );
}

export function LeaderSelect<V = number>(props: Props<V>) {
  const { data, isLoading } = useLeaders();
  return (
    <Select<V>
      allowClear
      {...searchable}
      loading={isLoading}
      options={(data?.items ?? []).map((l) => ({ value: l.id, label: l.title ? `${l.name}（${l.title}）` : l.name }))}
      {...props}
    />
  );
}

export function EnterpriseSelect<V = number>(props: Props<V>) {
  const { data, isLoading } = useEnterprises();
  return (
    <Select<V>
      allowClear
      {...searchable}
      loading={isLoading}
      options={(data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      {...props}
    />
  );
}

/** Regions the user sees; `levels` narrows it (e.g. townships for a project's location). */
export function RegionSelect<V = string>({ levels, ...props }: Props<V> & { levels?: RegionLevel[] }) {
  const { data, isLoading } = useRegions();
  const items = (data?.items ?? []).filter((r) => !levels || levels.includes(r.level));
  return (
    <Select<V>
      allowClear
      {...searchable}
      loading={isLoading}
      options={items.map((r) => ({
        value: r.code,
        label: levels?.length === 1 ? r.name : `${r.name}（${labelOf(regionLevelLabels, r.level)}）`,
      }))}
      {...props}
    />
  );
}

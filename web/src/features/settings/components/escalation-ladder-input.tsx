/**
 * The escalation ladder setting 问责阶梯 as four rows: each step with the whole weeks red that propose it,
 * blank for a step the region does not use. The value is the setting itself (steps in order, with weeks);
 * the server checks that the weeks increase.
 */
import { InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { escalationStepLabels, escalationSteps, type EscalationLadder } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';

export function EscalationLadderInput(props: {
  value?: EscalationLadder;
  onChange?: (v: EscalationLadder) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const ladder = props.value ?? [];
  const weeksOf = (step: EscalationLadder[number]['step']) => ladder.find((s) => s.step === step)?.weeks ?? null;
  const set = (step: EscalationLadder[number]['step'], weeks: number | null) =>
    props.onChange?.(
      escalationSteps.flatMap((s) => {
        const w = s === step ? weeks : weeksOf(s);
        return w === null ? [] : [{ step: s, weeks: w }];
      }),
    );
  return (
    <Space orientation="vertical" size={6} data-testid="settings-escalation-ladder">
      {escalationSteps.map((step) => (
        <Space key={step} size={8} data-testid={`settings-ladder-${step}`}>
          <Typography.Text style={{ display: 'inline-block', width: 150 }}>{labelOf(escalationStepLabels, step)}</Typography.Text>
          <InputNumber
            min={1}
            max={52}
            precision={0}
            disabled={props.disabled}
            value={weeksOf(step)}
            onChange={(v) => set(step, typeof v === 'number' ? v : null)}
            placeholder={t('admin.settings.escalationLadder.unused')}
            suffix={t('admin.settings.escalationLadder.weeks')}
            style={{ width: 160 }}
          />
        </Space>
      ))}
    </Space>
  );
}

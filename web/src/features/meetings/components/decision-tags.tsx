/** A decision's state as a coloured tag: overdue red, open blue, done green, verified grey. */
import { Tag } from 'antd';
import { decisionStateLabels, type DecisionState } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';

const colours: Record<DecisionState, string> = { open: 'processing', overdue: 'error', done: 'success', verified: 'default' };

export const DecisionStateTag = ({ state }: { state: DecisionState }) => (
  <Tag color={colours[state]} data-testid={`decision-state-${state}`}>
    {labelOf(decisionStateLabels, state)}
  </Tag>
);

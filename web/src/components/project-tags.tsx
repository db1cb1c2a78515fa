/** Stage and level tags with one colour per value, labelled from the contracts' label maps. */
import { Tag } from 'antd';
import { projectLevelLabels, stageLabels, type ProjectLevel, type Stage } from '@kpc/contracts';
import { labelOf } from '../lib/i18n';

export const stageColors: Record<Stage, string> = {
  planned: 'default',
  signed: 'cyan',
  started: 'blue',
  building: 'geekblue',
  completed: 'purple',
  producing: 'green',
  at_target: 'gold',
};

const levelColors: Record<ProjectLevel, string> = { provincial: 'red', municipal: 'orange', district: 'default' };

export function StageTag({ stage }: { stage: Stage }) {
  return (
    <Tag color={stageColors[stage]} data-stage={stage}>
      {labelOf(stageLabels, stage)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: ProjectLevel }) {
  return (
    <Tag color={levelColors[level]} variant="outlined" data-level={level}>
      {labelOf(projectLevelLabels, level)}
    </Tag>
  );
}

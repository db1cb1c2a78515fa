/**
 * The upward report's rows (SPEC §2.9): one project's facts written out in a template's columns, and
 * the totals row. Pure, so the JSON preview, the .xlsx and the web show the same values. Money stays
 * integer yuan here; the writer converts to 万元 when the template says so.
 */
import {
  projectCategoryLabels,
  projectLevelLabels,
  stageLabels,
  upwardReportFieldCatalogue,
  type ProjectCategory,
  type ProjectLevel,
  type Rag,
  type Stage,
  type UpwardReportField,
} from '@kpc/contracts';
import { hasAnyRole, type AccessActor } from './access.js';
import { completionRate, sumYuan } from './investment.js';

/** Who reads and downloads the upward reports: the region's readers (office, supervisor, admin, viewer); units, enterprises and leaders do not (403). */
export const canReadUpwardReports = (actor: Pick<AccessActor, 'roles'>) =>
  hasAnyRole(actor, 'office', 'supervisor', 'admin', 'viewer');

export interface UpwardProjectFacts {
  projectId: number;
  code: string;
  name: string;
  districtName: string | null;
  location: string | null;
  level: ProjectLevel;
  category: string;
  stage: Stage;
  actualStartDate: string | null;
  plannedCompletionDate: string | null;
  /** Integer yuan. */
  totalInvestment: number;
  annualPlan: number | null;
  monthCompleted: number;
  yearToDate: number;
  /** The latest progress note 形象进度 up to the month. */
  imageProgress: string | null;
  openProblems: string[];
  colour: Rag | null;
  leadUnitName: string | null;
  leaderName: string | null;
  enterpriseName: string | null;
}

/** The colour as one character, as the tables print it. */
const colourMark: Record<Rag, string> = { green: '绿', yellow: '黄', red: '红' };

export type UpwardCell = string | number | null;

/**
 * 建设性质: a project that began work before the report's year continues 续建; every other one
 * (started this year, or still preparing to start) is new 新建 — as the provincial tables count them.
 */
export function constructionNature(actualStartDate: string | null, year: number): '新建' | '续建' {
  return actualStartDate !== null && actualStartDate < `${year}-01-01` ? '续建' : '新建';
}

/** One column's value for a project; `index` is the 1-based row number. */
export function upwardValue(field: UpwardReportField, f: UpwardProjectFacts, index: number, year: number): UpwardCell {
  switch (field) {
    case 'index':
      return index;
    case 'code':
      return f.code;
    case 'name':
      return f.name;
    case 'district':
      return f.districtName;
    case 'location':
      return f.location;
    case 'nature':
      return constructionNature(f.actualStartDate, year);
    case 'level':
      return projectLevelLabels[f.level]['zh-CN'];
    case 'category':
      return projectCategoryLabels[f.category as ProjectCategory]?.['zh-CN'] ?? f.category;
    case 'stage':
      return stageLabels[f.stage]['zh-CN'];
    case 'totalInvestment':
      return f.totalInvestment;
    case 'annualPlan':
      return f.annualPlan;
    case 'monthCompleted':
      return f.monthCompleted;
    case 'yearToDate':
      return f.yearToDate;
    case 'completionRate':
      return completionRate(f.yearToDate, f.annualPlan);
    case 'imageProgress':
      return f.imageProgress;
    case 'openProblems':
      return f.openProblems.length ? f.openProblems.map((p, i) => `${i + 1}. ${p}`).join('\n') : '无';
    case 'colour':
      return f.colour === null ? null : colourMark[f.colour];
    case 'leadUnit':
      return f.leadUnitName;
    case 'leader':
      return f.leaderName;
    case 'enterprise':
      return f.enterpriseName;
    case 'plannedCompletionDate':
      return f.plannedCompletionDate;
  }
}

export const upwardRow = (fields: readonly UpwardReportField[], f: UpwardProjectFacts, index: number, year: number) =>
  fields.map((field) => upwardValue(field, f, index, year));

/**
 * The totals row: money columns summed exactly in yuan, the rate as year to date over plan of all
 * rows (not an average of rates), the first text column says how many projects; the rest empty.
 */
export function upwardTotals(fields: readonly UpwardReportField[], facts: readonly UpwardProjectFacts[]): UpwardCell[] {
  let labelled = false;
  return fields.map((field) => {
    const kind = upwardReportFieldCatalogue[field].kind;
    if (kind === 'money') {
      const amounts = facts.map((f) => upwardValue(field, f, 0, 0)).filter((v): v is number => typeof v === 'number');
      return sumYuan(amounts);
    }
    if (kind === 'rate') {
      const plans = facts.map((f) => f.annualPlan).filter((v): v is number => v !== null);
      return completionRate(sumYuan(facts.map((f) => f.yearToDate)), sumYuan(plans));
    }
    if (kind === 'index') return '合计';
    if (!labelled) {
      labelled = true;
      return `共 ${facts.length} 个项目`;
    }
    return null;
  });
}

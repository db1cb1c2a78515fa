/** Between a project and the form: money as exact 万元 strings, dates as dayjs, blanks as null. */
import dayjs, { type Dayjs } from 'dayjs';
import type { ProjectCategory, ProjectDetail, ProjectLevel, TaskForcePost } from '@kpc/contracts';
import { wanInputToYuan, yuanToWanInput } from '../../../lib/money';

export const moneyFields = ['totalInvestment', 'firstPhaseInvestment', 'targetOutputValue', 'targetTax'] as const;
export const dateFields = [
  'contractDate',
  'plannedStartDate',
  'actualStartDate',
  'plannedCompletionDate',
  'actualCompletionDate',
  'plannedCommissioningDate',
  'actualCommissioningDate',
] as const;

type MoneyField = (typeof moneyFields)[number];
type DateField = (typeof dateFields)[number];

export interface TaskForceRow {
  name?: string;
  post?: TaskForcePost;
  unitId?: number | null;
  phone?: string | null;
  duty?: string | null;
}
export interface ContactRow {
  name?: string;
  phone?: string | null;
  role?: string | null;
}

export type ProjectFormValues = {
  code?: string;
  name?: string;
  level?: ProjectLevel;
  category?: ProjectCategory;
  industryChain?: string | null;
  enterpriseId?: number | null;
  regionCode?: string;
  location?: string | null;
  lat?: number | null;
  lng?: number | null;
  tags?: string[];
  leaderId?: number | null;
  leadUnitId?: number | null;
  cooperatingUnitIds?: number[];
  taskForce?: TaskForceRow[];
  contacts?: ContactRow[];
  description?: string | null;
} & { [K in MoneyField]?: string } & { [K in DateField]?: Dayjs | null };

export function projectToFormValues(p: ProjectDetail): ProjectFormValues {
  const v: ProjectFormValues = {
    code: p.code,
    name: p.name,
    level: p.level,
    category: p.category,
    industryChain: p.industryChain,
    enterpriseId: p.enterpriseId,
    regionCode: p.regionCode,
    location: p.location,
    lat: p.lat,
    lng: p.lng,
    tags: p.tags,
    leaderId: p.leaderId,
    leadUnitId: p.leadUnitId,
    cooperatingUnitIds: p.cooperatingUnitIds,
    taskForce: p.taskForce.map((m) => ({ name: m.name, post: m.post, unitId: m.unitId, phone: m.phone, duty: m.duty })),
    contacts: p.contacts.map((c) => ({ name: c.name, phone: c.phone ?? null, role: c.role ?? null })),
    description: p.description,
  };
  for (const f of moneyFields) v[f] = yuanToWanInput(p[f]);
  for (const f of dateFields) v[f] = p[f] ? dayjs(p[f]) : null;
  return v;
}

const blankToNull = (s: string | null | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/**
 * The request body the form describes (not yet validated: the contracts' schema does that).
 * A money field that does not parse becomes NaN so the schema refuses it on that field.
 */
export function formValuesToBody(v: ProjectFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: (v.code ?? '').trim(),
    name: (v.name ?? '').trim(),
    level: v.level,
    category: v.category,
    industryChain: blankToNull(v.industryChain),
    enterpriseId: v.enterpriseId ?? null,
    regionCode: v.regionCode,
    location: blankToNull(v.location),
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    tags: (v.tags ?? []).map((t) => t.trim()).filter(Boolean),
    leaderId: v.leaderId ?? null,
    leadUnitId: v.leadUnitId ?? null,
    cooperatingUnitIds: v.cooperatingUnitIds ?? [],
    taskForce: (v.taskForce ?? []).map((m) => ({
      name: (m.name ?? '').trim(),
      post: m.post,
      unitId: m.unitId ?? null,
      phone: blankToNull(m.phone),
      duty: blankToNull(m.duty),
    })),
    contacts: (v.contacts ?? []).map((c) => ({
      name: (c.name ?? '').trim(),
      phone: blankToNull(c.phone),
      role: blankToNull(c.role),
    })),
    description: blankToNull(v.description),
  };
  for (const f of moneyFields) {
    const yuan = wanInputToYuan(v[f]);
    // total investment is required: leave it out when blank so the schema says "required"
    if (f === 'totalInvestment') body[f] = yuan ?? undefined;
    else body[f] = yuan;
  }
  for (const f of dateFields) body[f] = v[f] ? v[f].format('YYYY-MM-DD') : null;
  return body;
}

/** Enumerations shared by server and web, each with zh-CN and English labels. */
import { z } from 'zod';
import { enumText } from './common.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const roles = [
  'admin',
  'security_admin',
  'audit_admin',
  'office',
  'supervisor',
  'leader',
  'unit',
  'enterprise',
  'viewer',
] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Labels<Role> = {
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
  security_admin: { 'zh-CN': '安全管理员', en: 'Security administrator' },
  audit_admin: { 'zh-CN': '审计管理员', en: 'Audit administrator' },
  office: { 'zh-CN': '项目办', en: 'Key-project office' },
  supervisor: { 'zh-CN': '督查局', en: 'Supervision bureau' },
  leader: { 'zh-CN': '县级领导', en: 'Contracting leader' },
  unit: { 'zh-CN': '责任单位', en: 'Responsible unit' },
  enterprise: { 'zh-CN': '项目业主', en: 'Project owner' },
  viewer: { 'zh-CN': '只读用户', en: 'Viewer' },
};
export const roleSchema = z.enum(roles).describe(enumText('Role (角色)', roleLabels));

export const projectLevels = ['provincial', 'municipal', 'district'] as const;
export type ProjectLevel = (typeof projectLevels)[number];
export const projectLevelLabels: Labels<ProjectLevel> = {
  provincial: { 'zh-CN': '省重点', en: 'Provincial' },
  municipal: { 'zh-CN': '市重点', en: 'Municipal' },
  district: { 'zh-CN': '区重点', en: 'District' },
};
export const projectLevelSchema = z.enum(projectLevels).describe(enumText('Project level (项目级别)', projectLevelLabels));

export const projectCategories = ['industry', 'infrastructure', 'social', 'ecology', 'agriculture', 'services'] as const;
export type ProjectCategory = (typeof projectCategories)[number];
export const projectCategoryLabels: Labels<ProjectCategory> = {
  industry: { 'zh-CN': '工业', en: 'Industry' },
  infrastructure: { 'zh-CN': '基础设施', en: 'Infrastructure' },
  social: { 'zh-CN': '社会民生', en: 'Social' },
  ecology: { 'zh-CN': '生态环保', en: 'Ecology' },
  agriculture: { 'zh-CN': '现代农业', en: 'Agriculture' },
  services: { 'zh-CN': '现代服务业', en: 'Services' },
};
export const projectCategorySchema = z
  .enum(projectCategories)
  .describe(enumText('Project category (项目类别)', projectCategoryLabels));

export const stages = ['planned', 'signed', 'started', 'building', 'completed', 'producing', 'at_target'] as const;
export type Stage = (typeof stages)[number];
export const stageLabels: Labels<Stage> = {
  planned: { 'zh-CN': '谋划', en: 'Planned' },
  signed: { 'zh-CN': '签约', en: 'Signed' },
  started: { 'zh-CN': '开工', en: 'Started' },
  building: { 'zh-CN': '在建', en: 'Under construction' },
  completed: { 'zh-CN': '竣工', en: 'Completed' },
  producing: { 'zh-CN': '投产', en: 'Producing' },
  at_target: { 'zh-CN': '达效', en: 'At target' },
};
export const stageSchema = z.enum(stages).describe(enumText('Project stage (项目阶段), in lifecycle order', stageLabels));

export const taskForcePosts = ['head', 'deputy_head', 'liaison', 'member'] as const;
export type TaskForcePost = (typeof taskForcePosts)[number];
export const taskForcePostLabels: Labels<TaskForcePost> = {
  head: { 'zh-CN': '组长', en: 'Head' },
  deputy_head: { 'zh-CN': '副组长', en: 'Deputy head' },
  liaison: { 'zh-CN': '联络员', en: 'Liaison' },
  member: { 'zh-CN': '成员', en: 'Member' },
};
export const taskForcePostSchema = z
  .enum(taskForcePosts)
  .describe(enumText('Post in the project task force (专班职务)', taskForcePostLabels));

export const regionLevels = ['province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof regionLevels)[number];
export const regionLevelLabels: Labels<RegionLevel> = {
  province: { 'zh-CN': '省', en: 'Province' },
  city: { 'zh-CN': '市', en: 'City' },
  county: { 'zh-CN': '县/区', en: 'County / district' },
  township: { 'zh-CN': '乡镇/街道', en: 'Township' },
};

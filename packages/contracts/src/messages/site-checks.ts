/** Messages of the site checks' own rules (实地检查), shared by the API and the web. */
import type { LocalisedText } from './user.js';

export const siteCheckMessages = {
  located_needs_coordinates: {
    'zh-CN': '已定位时须提供经纬度',
    en: 'A located check needs its latitude and longitude',
  },
  not_a_checker: {
    'zh-CN': '只有包联领导或专班组长可以登记实地检查，且只能以本人名义',
    en: 'Only a contracting leader or a task-force head logs site checks, and only as themselves',
  },
  project_not_yours: {
    'zh-CN': '只能检查本人包联或担任专班组长的项目',
    en: 'You can only check projects you contract or head the task force of',
  },
  checked_in_future: { 'zh-CN': '检查时间不能晚于当前时间', en: 'The check time cannot be in the future' },
  problem_not_of_project: {
    'zh-CN': '现场解决的问题须是该项目未解决的问题',
    en: 'A problem solved on the spot must be an open problem of the project',
  },
  photos_only: { 'zh-CN': '检查照片只能是图片（jpg、png、webp、gif）', en: 'Check photos must be images (jpg, png, webp, gif)' },
} as const satisfies Record<string, LocalisedText>;

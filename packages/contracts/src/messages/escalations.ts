/** Messages of the escalation ladder 问责阶梯 (issue 11): validation and refusals, zh-CN and English. */
export const escalationMessages = {
  escalation_ladder_order: {
    'zh-CN': '问责阶梯的步骤须按 预警提示 → 通报批评 → 问责 → 表态发言 的顺序排列，且每步最多一次',
    en: 'Ladder steps go in the order warning → bulletin → accountability → statement, each at most once',
  },
  escalation_ladder_weeks: {
    'zh-CN': '问责阶梯的周数须逐步递增',
    en: 'Each step of the ladder needs more weeks than the one before',
  },
  escalation_decided: {
    'zh-CN': '此问责建议已处理，不能再次操作',
    en: 'This escalation has already been decided',
  },
  escalation_not_statement: {
    'zh-CN': '只有已确认的表态发言可以登记为已发言',
    en: 'Only a confirmed statement can be marked as made',
  },
  escalation_statement_done: {
    'zh-CN': '该表态发言已登记',
    en: 'This statement is already marked as made',
  },
  escalation_meeting_not_review: {
    'zh-CN': '表态发言须在本地区的项目评审会上作出',
    en: 'A statement is made at a review meeting of the region',
  },
  escalation_duplicate: {
    'zh-CN': '该项目本次红色期间已有此步骤',
    en: 'This step already exists for the project in its current red spell',
  },
} as const;

/** Kept apart from settings.ts (no zod): the web's route guards need it in the login bundle. */
/**
 * Which administrator changes which setting (等保 2.0 三员): the security administrator the login
 * and password rules, the system administrator the backups, the audit administrator the audit log's retention.
 */
export const settingDuties = {
  sessionIdleMinutes: 'security_admin',
  sessionAbsoluteHours: 'security_admin',
  lockoutAttempts: 'security_admin',
  lockoutMinutes: 'security_admin',
  passwordMinLength: 'security_admin',
  passwordMinClasses: 'security_admin',
  totpRequiredRoles: 'security_admin',
  backupRetentionCount: 'admin',
  auditRetentionDays: 'audit_admin',
  siteCheckFlagDistanceM: 'admin',
  weeklySiteChecksRequired: 'admin',
  weeklySolvedOnSiteRequired: 'admin',
  ragRecoveryDays: 'admin',
  unitsSeeDistrictOverview: 'admin',
  escalationLadder: 'admin',
  upwardReportTemplates: 'admin',
  burdenTargetFields: 'admin',
  burdenTargetMinutes: 'admin',
  weeklyUpdateDueWeekday: 'admin',
} as const;

/**
 * Site checks 实地检查 (SPEC §2.4): a contracting leader or a task-force head logs, from a phone at the
 * site, the location (a refusal or no GPS is recorded, never blocks), findings, problems raised and
 * problems solved on the spot, and photos as attachments of the check (`/site-checks/:id/attachments`,
 * images only). Sent through the phone's offline queue with a client-generated key (`clientKey`, also
 * sent as `Idempotency-Key`): the same key twice answers the first record, never a second one.
 *
 * Who logs: a leader only as themselves (the leader linked to their account), a task-force head 专班组长
 * as themselves; the office does not log on anyone's behalf (a check is the checker's own account of the
 * site, with their phone's location; the office records on-site office meetings instead).
 */
import { z } from 'zod';
import { dateText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';
import { locationStatusSchema, problemCategorySchema } from './enums.js';
import { problemRefSchema } from './meetings.js';
import { burdenInput } from './burden.js';

const idQuery = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');

export const siteCheckLocationBody = z
  .strictObject({
    status: locationStatusSchema,
    lat: z.number().min(-90).max(90).optional().describe('Latitude (WGS-84), when located'),
    lng: z.number().min(-180).max(180).optional().describe('Longitude (WGS-84), when located'),
    accuracyM: z.number().min(0).max(1_000_000).optional().describe('Accuracy in metres the browser reported'),
  })
  .refine((l) => l.status !== 'ok' || (l.lat !== undefined && l.lng !== undefined), {
    message: 'located_needs_coordinates',
    path: ['lat'],
  })
  .describe('Where the check was made, from the browser (定位): ok with coordinates, or denied / unavailable');

export const createSiteCheckBody = z.strictObject({
  clientKey: z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/)
    .describe('Client-generated key of this check (e.g. a UUID): the same key again answers the first record'),
  projectId: id.describe('Project checked (项目)'),
  leaderId: id
    .optional()
    .describe('The leader who checked: only the leader of your own account (a leader logs only as themselves); omit it'),
  checkedAt: z.iso.datetime({ offset: true }).describe(`When it was checked (检查时间): ${timestampText}; not in the future`),
  location: siteCheckLocationBody,
  findings: text(4000).optional().describe('What was found (检查情况)'),
  problemsRaised: z
    .array(
      z.strictObject({
        category: problemCategorySchema,
        description: requiredText(2000).describe('The problem (问题描述)'),
        unitId: id.nullable().optional().describe('Responsible unit (责任单位)'),
        deadline: isoDate.nullable().optional().describe('Deadline (完成时限)'),
      }),
    )
    .max(20)
    .default([])
    .describe('New problems found (source site_check)'),
  problemsSolved: z
    .array(
      z.strictObject({
        id: id.describe('An open problem of the project (问题)'),
        version,
        resolution: requiredText(2000).describe('How it was solved on the spot (现场解决情况)'),
      }),
    )
    .max(20)
    .default([])
    .describe('Open problems of the project solved on the spot (现场解决): count for the checker'),
  burden: burdenInput.optional(),
});
export type CreateSiteCheckBody = z.input<typeof createSiteCheckBody>;

export const siteCheckSchema = z.object({
  id,
  projectId: z.number().int().describe('Id of the project (项目)'),
  projectCode: z.string(),
  projectName: z.string(),
  regionCode: z.string().describe('Region of the project (区划代码)'),
  leaderId: z.number().int().nullable().describe('The contracting leader who checked, when the checker is one'),
  userId: z.number().int().nullable().describe('The account that logged it'),
  checkerName: z.string().describe('Who checked (检查人)'),
  checkedAt: z.string().describe(timestampText),
  checkedOn: z.string().describe(`Day of the check: ${dateText}`),
  locationStatus: locationStatusSchema,
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accuracyM: z.number().nullable().describe('Accuracy in metres'),
  distanceM: z.number().int().nullable().describe("Metres from the project's coordinates, when both exist (距项目位置)"),
  flagged: z.boolean().describe("Farther from the project than the region's siteCheckFlagDistanceM (偏离项目位置)"),
  flagDistanceM: z.number().int().describe('The distance beyond which a check is flagged, in force for the region'),
  findings: z.string().nullable(),
  problemsRaised: z.array(problemRefSchema).describe('Problems raised in this check'),
  problemsSolved: z.array(problemRefSchema).describe('Problems solved on the spot in this check'),
  photoCount: z.number().int().describe('Photos attached'),
  version,
  createdAt: z.string().describe(timestampText),
  permissions: z.object({ upload: z.boolean().describe('The current user may add photos (the checker)') }),
});
export type SiteCheck = z.infer<typeof siteCheckSchema>;

export const listSiteChecksQuery = z.strictObject({
  ...paging,
  projectId: idQuery.optional().describe('Only checks of this project'),
  leaderId: idQuery.optional().describe('Only checks by this leader'),
  from: isoDate.optional().describe('Checked on or after this day (Asia/Shanghai)'),
  to: isoDate.optional().describe('Checked on or before this day (Asia/Shanghai)'),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only checks flagged (or not) for their distance'),
});
export type ListSiteChecksQuery = z.infer<typeof listSiteChecksQuery>;

/** What the form needs: the projects the actor may check, and each one's open problems. */
export const siteCheckTargetSchema = z.object({
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  openProblems: z.array(problemRefSchema).describe('Open problems of the project: what may be solved on the spot'),
});
export const siteCheckTargetsSchema = z.object({
  canCreate: z.boolean().describe('The current user may log site checks (a leader or a task-force head)'),
  checkerName: z.string().nullable(),
  flagDistanceM: z.number().int().describe('The distance beyond which a check is flagged, in force for the user’s region'),
  projects: z.array(siteCheckTargetSchema),
});
export type SiteCheckTargets = z.infer<typeof siteCheckTargetsSchema>;

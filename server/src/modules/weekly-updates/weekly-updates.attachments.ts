/**
 * A weekly update 周报 owns its optional photos (形象进度照片): images only (by content), read with the
 * project, added by those who send the project's update (domain `canSendWeeklyUpdate`) during its week.
 */
import { userMessages } from '@kpc/contracts';
import { canReadProject, canSendWeeklyUpdate, isoWeekOf } from '@kpc/domain';
import { findProjectRef, type ProjectRef } from '../../lib/project-scope.js';
import { registerAttachmentOwner } from '../attachments/owners.js';
import { findWeeklyUpdateById, type WeeklyUpdateRow } from './weekly-updates.repository.js';

interface Owner {
  update: WeeklyUpdateRow;
  project: ProjectRef;
  /** The ISO week it is now: photos are added while the update's week runs (or the week after, on Monday). */
  thisWeek: string;
}

registerAttachmentOwner<Owner>({
  entity: 'weekly_update',
  path: 'weekly-updates',
  summary: '周报照片 Photos of a weekly update (images only)',
  async load(ctx, id) {
    const update = await findWeeklyUpdateById(ctx.db, id);
    const project = update && (await findProjectRef(ctx.db, update.projectId));
    return update && project ? { update, project, thisWeek: isoWeekOf(ctx.now) } : null;
  },
  regionOf: (o) => o.project.regionCode,
  canRead: (actor, o) => canReadProject(actor, o.project),
  canUpload: (actor, o) => canSendWeeklyUpdate(actor, o.project) && o.update.week <= o.thisWeek,
  accepts: { types: ['jpg', 'png', 'webp', 'gif'], message: userMessages.weekly_photos_only },
});

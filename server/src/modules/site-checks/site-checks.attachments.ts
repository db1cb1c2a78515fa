/** Site checks own their photos (现场照片): images only (by content), read with the check, added by the checker. */
import { siteCheckMessages } from '@kpc/contracts';
import { registerAttachmentOwner } from '../attachments/owners.js';
import { siteCheckPolicy } from './site-checks.policy.js';
import { findSiteCheck, SITE_CHECK_ENTITY, type SiteCheckRecord } from './site-checks.repository.js';

registerAttachmentOwner<SiteCheckRecord>({
  entity: SITE_CHECK_ENTITY,
  path: 'site-checks',
  summary: '实地检查照片 Photos of a site check (images only)',
  load: (ctx, id) => findSiteCheck(ctx.db, id),
  regionOf: (r) => r.project.regionCode,
  canRead: (actor, r) => siteCheckPolicy.canRead(actor, r),
  canUpload: (actor, r) => siteCheckPolicy.canUpload(actor, r),
  accepts: { types: ['jpg', 'png', 'webp', 'gif'], message: siteCheckMessages.photos_only },
});

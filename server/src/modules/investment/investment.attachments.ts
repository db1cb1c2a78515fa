/**
 * Monthly investment reports own progress photos: optional, readable with the report, added by
 * whoever may report while the report is still open (draft, returned or submitted).
 */
import { projectPolicy } from '../../lib/policy.js';
import { registerAttachmentOwner } from '../attachments/owners.js';
import { investmentPolicy } from './investment.policy.js';
import { loadReport } from './investment.service.js';

type Report = Awaited<ReturnType<typeof loadReport>>;

const open = (x: Report) => x.r.status === 'draft' || x.r.status === 'returned' || x.r.status === 'submitted';

registerAttachmentOwner<Report>({
  entity: 'investment_report',
  path: 'investment-reports',
  summary: '投资填报照片 Progress photos of an investment report',
  // loadReport answers 404 itself for a report the actor may not read
  load: (ctx, id) => loadReport(ctx.db, ctx.actor, id),
  regionOf: (x) => x.scope.regionCode,
  canRead: (actor, x) => projectPolicy.canRead(actor, x.scope),
  canUpload: (actor, x) => open(x) && investmentPolicy.canReport(actor, x.scope),
});

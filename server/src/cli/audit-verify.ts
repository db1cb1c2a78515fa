/**
 * `npm run audit:verify`: walks the audit chain and reports the first broken link (a row deleted or
 * edited, rows cut off the end, the table emptied). Exit 0 when intact, 3 when broken.
 */
import { verifyAuditChain } from '../lib/audit-chain.js';
import { openTool, runTool } from './tool.js';

runTool(async () => {
  const t = await openTool();
  try {
    const r = await verifyAuditChain(t.database.db);
    if (r.ok) {
      console.log(
        `审计链完整 / audit chain intact: ${r.checked} rows checked (${r.archived} archived, ${r.unchained} before the chain began)`,
      );
      return 0;
    }
    console.error(`审计链断裂 / audit chain BROKEN after ${r.checked} rows: ${r.firstBreak!.message}`);
    return 3;
  } finally {
    await t.database.close();
  }
});

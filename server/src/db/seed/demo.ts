/** The demo data set itself (see index.ts). Deterministic: same records on every fresh start. */
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { regions, units, users } from '../schema/index.js';
import { hashPassword } from '../../lib/password.js';
import { divisionChildren, divisionWithAncestors } from './regions.js';

export async function seedDemo(tx: Tx, _clock: Clock): Promise<void> {
  const regionRows = [...divisionWithAncestors('411104'), ...divisionChildren('411104')];
  await tx.insert(regions).values(regionRows);
  const [unit] = await tx.insert(units).values({ name: '区发展和改革委员会', regionCode: '411104' }).returning();
  const hash = await hashPassword('Demo@2026');
  await tx.insert(users).values([
    {
      username: 'admin',
      displayName: '系统管理员',
      passwordHash: hash,
      roles: ['admin'],
      regionCode: '411104',
      mustChangePassword: false,
    },
    {
      username: 'office',
      displayName: '项目办',
      passwordHash: hash,
      roles: ['office'],
      regionCode: '411104',
      unitId: unit!.id,
      mustChangePassword: false,
    },
  ]);
}

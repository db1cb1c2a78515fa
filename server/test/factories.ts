/** Factories that write fixtures straight into a test database (outlined in outline's server/test/factories.ts). */
import { randomBytes } from 'node:crypto';
import type { Role } from '@kpc/contracts';
import type { Database } from '../src/db/client.js';
import { enterprises, leaders, projects, projectUnits, regions, units, users } from '../src/db/schema/index.js';
import { hashPassword } from '../src/lib/password.js';
import { divisionWithAncestors } from '../src/db/seed/regions.js';
import { login, type TestApp } from './helpers.js';

export const FACTORY_PASSWORD = 'Factory#2026';
let hashed: Promise<string> | null = null;
const suffix = () => randomBytes(3).toString('hex');

/** Makes sure a real region (and its ancestors) exists. */
export async function ensureRegion(database: Database, code: string): Promise<void> {
  await database.db.insert(regions).values(divisionWithAncestors(code)).onConflictDoNothing();
}

export async function createUnit(database: Database, o: { name?: string; regionCode?: string } = {}) {
  const [u] = await database.db
    .insert(units)
    .values({ name: o.name ?? `测试单位-${suffix()}`, regionCode: o.regionCode ?? '411104' })
    .returning();
  return u!;
}

export async function createLeader(database: Database, o: { name?: string; regionCode?: string } = {}) {
  const [l] = await database.db
    .insert(leaders)
    .values({ name: o.name ?? `测试领导-${suffix()}`, title: '副区长', regionCode: o.regionCode ?? '411104' })
    .returning();
  return l!;
}

export async function createEnterprise(database: Database, o: { name?: string; regionCode?: string } = {}) {
  const [e] = await database.db
    .insert(enterprises)
    .values({ name: o.name ?? `测试企业-${suffix()}`, regionCode: o.regionCode ?? '411104' })
    .returning();
  return e!;
}

/** A user with FACTORY_PASSWORD who need not change it. */
export async function createUser(
  database: Database,
  o: {
    roles: Role[];
    regionCode?: string;
    unitId?: number | null;
    leaderId?: number | null;
    enterpriseId?: number | null;
    username?: string;
  },
) {
  hashed ??= hashPassword(FACTORY_PASSWORD);
  const [u] = await database.db
    .insert(users)
    .values({
      username: o.username ?? `u_${o.roles[0]}_${suffix()}`,
      displayName: `测试用户 ${o.roles.join(',')}`,
      passwordHash: await hashed,
      roles: o.roles,
      regionCode: o.regionCode ?? '411104',
      unitId: o.unitId ?? null,
      leaderId: o.leaderId ?? null,
      enterpriseId: o.enterpriseId ?? null,
      mustChangePassword: false,
    })
    .returning();
  return u!;
}

export async function createProject(
  database: Database,
  o: {
    code?: string;
    name?: string;
    level?: 'provincial' | 'municipal' | 'district';
    regionCode?: string;
    leadUnitId?: number | null;
    cooperatingUnitIds?: number[];
    leaderId?: number | null;
    enterpriseId?: number | null;
    totalInvestment?: number;
    stage?: 'planned' | 'signed' | 'started' | 'building' | 'completed' | 'producing' | 'at_target';
  } = {},
) {
  const [p] = await database.db
    .insert(projects)
    .values({
      code: o.code ?? `T-${suffix()}`,
      name: o.name ?? `测试项目-${suffix()}`,
      level: o.level ?? 'district',
      category: 'industry',
      regionCode: o.regionCode ?? '411104',
      totalInvestment: o.totalInvestment ?? 100_000_000,
      leadUnitId: o.leadUnitId ?? null,
      leaderId: o.leaderId ?? null,
      enterpriseId: o.enterpriseId ?? null,
      stage: o.stage ?? 'planned',
    })
    .returning();
  if (o.cooperatingUnitIds?.length)
    await database.db.insert(projectUnits).values(o.cooperatingUnitIds.map((unitId) => ({ projectId: p!.id, unitId })));
  return p!;
}

/**
 * The cast most permission tests need, logged in: the demo office user, a unit user (of `unitId`, if
 * given), a viewer and an office user of another region (411102, created if missing).
 */
export async function loginCast(t: TestApp, o: { unitId?: number } = {}) {
  await ensureRegion(t.database, '411102');
  const u = await createUser(t.database, { roles: ['unit'], unitId: o.unitId ?? null });
  const v = await createUser(t.database, { roles: ['viewer'] });
  const o2 = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  return {
    office: await login(t.app, 'office'),
    unitUser: await login(t.app, u.username, FACTORY_PASSWORD),
    viewer: await login(t.app, v.username, FACTORY_PASSWORD),
    otherRegionOffice: await login(t.app, o2.username, FACTORY_PASSWORD),
  };
}

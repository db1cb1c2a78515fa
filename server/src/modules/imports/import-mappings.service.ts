/**
 * Saved import mappings (本单位模板): the column mapping an office confirmed in the import screen's
 * mapping step, saved under a name and applied by itself to the next sheet with the same header band.
 * Only the office and admin of the region keep them; one of another region is 404; every change is audited.
 */
import {
  uploadMessages,
  type CreateImportMappingBody,
  type ImportKind,
  type ImportMapping,
  type UpdateImportMappingBody,
} from '@kpc/contracts';
import { writeAudit } from '../../lib/audit.js';
import { AppError, notFound, versionConflict } from '../../lib/errors.js';
import { hasRole, inRegion, type Actor } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import type { Executor } from '../../db/client.js';
import { importerOf } from './importers.js';
import * as repo from './import-mappings.repository.js';

export function requireMappingAccess(actor: Actor): void {
  if (!hasRole(actor, 'admin', 'office')) throw new AppError('FORBIDDEN');
}

function present(row: repo.ImportMappingRow): ImportMapping {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    headerSignature: row.headerSignature,
    columns: repo.columnsOf(row),
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The columns, each field one the kind's office layout reads. */
function checkColumns(ctx: RequestContext, kind: ImportKind, columns: Record<string, string | null>) {
  const office = importerOf(kind).office;
  if (!office) throw fieldError('VALIDATION_FAILED', 'kind', ctx.locale, uploadMessages.mapping_unsupported);
  const fields = new Set(office.fields.map((f) => f.key));
  if (Object.values(columns).some((f) => f !== null && !fields.has(f)))
    throw fieldError('VALIDATION_FAILED', 'columns', ctx.locale, uploadMessages.mapping_field_unknown);
}

const nameTaken = (ctx: RequestContext) => fieldError('DUPLICATE', 'name', ctx.locale, uploadMessages.mapping_name_taken);

async function loadInScope(db: Executor, ctx: RequestContext, id: number): Promise<repo.ImportMappingRow> {
  const row = await repo.findMapping(db, id);
  if (!row || !inRegion(ctx.actor, row.regionCode)) throw notFound();
  return row;
}

export async function listMappings(ctx: RequestContext, kind?: ImportKind): Promise<ImportMapping[]> {
  requireMappingAccess(ctx.actor);
  return (await repo.listMappings(ctx.db, ctx.actor.regionCode, kind)).map(present);
}

export async function getMapping(ctx: RequestContext, id: number): Promise<ImportMapping> {
  requireMappingAccess(ctx.actor);
  return present(await loadInScope(ctx.db, ctx, id));
}

export async function createMapping(ctx: RequestContext, body: CreateImportMappingBody): Promise<ImportMapping> {
  const { actor, now } = ctx;
  requireMappingAccess(actor);
  checkColumns(ctx, body.kind, body.columns);
  if (await repo.nameTaken(ctx.db, actor.regionCode, body.kind, body.name)) throw nameTaken(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertMapping(tx, {
        regionCode: actor.regionCode,
        kind: body.kind,
        name: body.name,
        headerSignature: body.headerSignature,
        mapping: { columns: body.columns } satisfies repo.StoredMapping,
        createdBy: actor.id > 0 ? actor.id : null,
        createdAt: now,
        updatedAt: now,
      });
      const after = present(row);
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'create', entity: 'import_mapping', entityId: row.id, regionCode: row.regionCode, after },
        now,
      );
      return after;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw nameTaken(ctx);
    throw e;
  }
}

export async function updateMapping(ctx: RequestContext, id: number, body: UpdateImportMappingBody): Promise<ImportMapping> {
  const { now } = ctx;
  requireMappingAccess(ctx.actor);
  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await loadInScope(tx, ctx, id);
      if (current.version !== body.version) throw versionConflict(present(current));
      if (body.columns) checkColumns(ctx, current.kind, body.columns);
      const name = body.name ?? current.name;
      if (name !== current.name && (await repo.nameTaken(tx, current.regionCode, current.kind, name, id))) throw nameTaken(ctx);
      const updated = await repo.updateMapping(tx, id, body.version, {
        name,
        headerSignature: body.headerSignature ?? current.headerSignature,
        mapping: body.columns ? ({ columns: body.columns } satisfies repo.StoredMapping) : current.mapping,
        updatedAt: now,
      });
      if (!updated) throw versionConflict(present((await repo.findMapping(tx, id)) ?? current));
      const after = present(updated);
      await writeAudit(
        tx,
        ctx.audit,
        {
          action: 'update',
          entity: 'import_mapping',
          entityId: id,
          regionCode: current.regionCode,
          before: present(current),
          after,
        },
        now,
      );
      return after;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw nameTaken(ctx);
    throw e;
  }
}

export async function deleteMapping(ctx: RequestContext, id: number, version: number): Promise<void> {
  requireMappingAccess(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const current = await loadInScope(tx, ctx, id);
    if (current.version !== version || !(await repo.deleteMapping(tx, id, version))) throw versionConflict(present(current));
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'import_mapping', entityId: id, regionCode: current.regionCode, before: present(current) },
      ctx.now,
    );
  });
}

/** The region's saved mapping for a sheet with these headers, if any: column index (A is 0) → field. */
export async function savedMappingFor(
  ctx: RequestContext,
  kind: ImportKind,
  signature: string,
): Promise<{ id: number; name: string; columns: Map<number, string | null> } | undefined> {
  const row = await repo.findMappingBySignature(ctx.db, ctx.actor.regionCode, kind, signature);
  if (!row) return undefined;
  const fields = new Set(importerOf(kind).office?.fields.map((f) => f.key) ?? []);
  const columns = new Map<number, string | null>();
  for (const [column, field] of Object.entries(repo.columnsOf(row)))
    if (/^\d{1,4}$/.test(column) && Number(column) >= 1 && (field === null || fields.has(field)))
      columns.set(Number(column) - 1, field);
  return { id: row.id, name: row.name, columns };
}

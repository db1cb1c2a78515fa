/** Every kind of import, looked up by kind: adding a kind is adding its `<kind>.importer.ts` here. */
import type { ImportKind } from '@kpc/contracts';
import { AppError } from '../../lib/errors.js';
import type { Importer } from './importer.js';
import { ledgerImporter } from './ledger.importer.js';
import { problemsImporter } from './problems.importer.js';
import { projectsImporter } from './projects.importer.js';

export const importers: readonly Importer[] = [ledgerImporter, projectsImporter, problemsImporter] as Importer[];

export function importerOf(kind: ImportKind): Importer {
  const i = importers.find((x) => x.kind === kind);
  if (!i) throw new AppError('NOT_FOUND');
  return i;
}

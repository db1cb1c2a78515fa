/**
 * Gzip size of the JavaScript each screen needs (its chunk plus everything it statically imports, plus
 * the entry), from dist/.vite/manifest.json (web/dist, or the folder given). Checks the SPEC §3 web budgets and exits 1
 * when one is exceeded (`npm run test:e2e` runs it after the build). Run after `vite build`.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = process.argv[2] ?? join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
// the app layout and the strings of the screens after login in the default language (lib/i18n-app.ts loads them)
const shell = ['src/app/layout/app-layout.tsx', 'src/lib/app-strings-zh-CN.ts'];
const screens = {
  // the login page is part of the entry chunk (the first screen most visits see)
  login: [],
  'app shell + project list': [...shell, 'src/features/projects/components/project-list-page.tsx'],
  'project detail': [...shell, 'src/app/project-detail.tsx'],
  'project form': [...shell, 'src/features/projects/components/project-form-page.tsx'],
  dashboard: [...shell, 'src/features/dashboard/components/dashboard-page.tsx'],
};
const budgets = { login: 250 * 1024, dashboard: 600 * 1024 };
let failed = false;
for (const [name, keys] of Object.entries(screens)) {
  if (!keys.every((k) => manifest[k])) continue; // a screen not built (yet)
  const files = [...closure([entry, ...keys])].map((k) => manifest[k]?.file).filter((f) => f?.endsWith('.js'));
  const bytes = files.reduce((s, f) => s + gz(f), 0);
  const budget = budgets[name];
  const over = budget !== undefined && bytes > budget;
  failed ||= over;
  console.log(
    `${name.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB gzip${budget ? ` (budget ${budget / 1024} KB)` : ''}${over ? '  OVER BUDGET' : ''}`,
  );
}
process.exit(failed ? 1 : 0);

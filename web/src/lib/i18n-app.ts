/**
 * Strings of the screens after login, registered when the app layout loads (it imports this module, which
 * waits for them). Only the language in use is loaded (plus zh-CN, the fallback, for English): one chunk
 * per language, lib/app-strings-{zh-CN,en}.ts; switching the language loads the other one first (lib/i18n
 * setLocale). Add a feature's locale files to both of those, not to lib/i18n.ts: that one is part of the
 * login bundle. A screen few users open may bring its own with `addScreenStrings` (the jobs page does),
 * keeping them out of the app shell.
 */
import type { Locale } from '@kpc/contracts';
import i18n, { currentLocale, setScreenStringsLoader } from './i18n';

const chunks: Record<Locale, () => Promise<{ default: Record<string, string> }>> = {
  'zh-CN': () => import('./app-strings-zh-CN'),
  en: () => import('./app-strings-en'),
};
const loading = new Map<Locale, Promise<void>>();

function loadOne(locale: Locale): Promise<void> {
  let p = loading.get(locale);
  if (!p) {
    p = chunks[locale]().then((m) => {
      i18n.addResourceBundle(locale, 'translation', m.default, true, true);
    });
    // a chunk that failed to load (offline) is asked for again next time
    p.catch(() => loading.delete(locale));
    loading.set(locale, p);
  }
  return p;
}

/** A language's strings; for English zh-CN's too, the fallback of a key not translated. */
export async function loadAppStrings(locale: Locale): Promise<void> {
  await Promise.all(locale === 'zh-CN' ? [loadOne('zh-CN')] : [loadOne(locale), loadOne('zh-CN')]);
}

setScreenStringsLoader(loadAppStrings);
// the layout (and every screen in it) renders once the strings of the current language are there
await loadAppStrings(currentLocale());

/**
 * i18next setup: zh-CN first, English second; the choice persists in localStorage and drives dayjs too.
 * Only the strings the login screen needs live here; the screens after login register theirs in
 * lib/i18n-app.ts (loaded with the layout), which keeps them out of the login bundle (SPEC §3 budget).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '@kpc/contracts';
import zhCommon from '../locales/zh-CN/common.json';
import zhAuth from '../locales/zh-CN/auth.json';
import enCommon from '../locales/en/common.json';
import enAuth from '../locales/en/auth.json';

const STORAGE_KEY = 'kpc.lang';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

function applyDayjs(locale: Locale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

/** Set by lib/i18n-app.ts once the app layout loaded: brings a language's strings of the screens after login. */
let loadScreenStrings: ((locale: Locale) => Promise<void>) | undefined;
export function setScreenStringsLoader(load: (locale: Locale) => Promise<void>): void {
  loadScreenStrings = load;
}

let wanted: Locale | undefined;
export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice just does not persist
  }
  wanted = locale;
  const apply = () => {
    if (wanted !== locale) return; // switched again while this language's strings loaded
    applyDayjs(locale);
    void i18n.changeLanguage(locale);
  };
  // the screens' strings in that language first, so the switch never shows bare keys
  if (loadScreenStrings) loadScreenStrings(locale).then(apply, apply);
  else apply();
}

const initial = storedLocale();
void i18n.use(initReactI18next).init({
  lng: initial,
  fallbackLng: 'zh-CN',
  // keys are flat and dotted ("project.field.name"), so dots are not nesting separators
  keySeparator: false,
  interpolation: { escapeValue: false },
  resources: {
    'zh-CN': { translation: { ...zhCommon, ...zhAuth } },
    en: { translation: { ...enCommon, ...enAuth } },
  },
});
applyDayjs(initial);

/** Strings that a lazily loaded screen brings with it (its menu label stays with the shell). */
export function addScreenStrings(bundles: Record<Locale, Record<string, string>>): void {
  for (const [lng, strings] of Object.entries(bundles)) i18n.addResourceBundle(lng, 'translation', strings, true, true);
}

/** The label of an enum value in the current UI language (contracts carry both). */
export function labelOf<T extends string>(labels: Record<T, { 'zh-CN': string; en: string }>, value: T): string {
  return labels[value]?.[currentLocale()] ?? value;
}

/** Select options for an enum from its contracts label map. */
export function optionsOf<T extends string>(
  values: readonly T[],
  labels: Record<T, { 'zh-CN': string; en: string }>,
): { value: T; label: string }[] {
  return values.map((v) => ({ value: v, label: labelOf(labels, v) }));
}

export default i18n;

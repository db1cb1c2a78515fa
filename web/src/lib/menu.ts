/** The shape of a side-menu entry a feature offers; web/src/app/menu.tsx arranges them and keeps those the user may see. */
import type { ReactNode } from 'react';
import type { CurrentUser } from '@kpc/contracts';

export interface MenuEntry {
  /** The route it opens, also the menu key. */
  path: string;
  icon: ReactNode;
  /** i18n key of the label. */
  label: string;
  testId: string;
  /** Who sees it: a predicate of lib/access.ts; everyone signed in when absent. */
  allow?: (user: CurrentUser) => boolean;
  /** A label with live content (a badge count), given the translated text; a plain link otherwise. */
  render?: (text: string) => ReactNode;
}

/** Page paths live in the domain (src/domain/shared/pages.ts), shared with notices and the functions. */
export { PAGES, SUBPACKAGES, appPageUrl, packageOf, subpackagePages, type PageName, type SubpackageRoot } from '../domain/shared/pages';
import { PAGES, type PageName } from '../domain/shared/pages';

/** Absolute URL of a page, with an optional query. */
export function route(page: PageName, query?: Record<string, string | number>): string {
  const base = `/${PAGES[page]}`;
  if (!query) return base;
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return qs ? `${base}?${qs}` : base;
}

export const TAB_PAGES: readonly PageName[] = ['home', 'submit', 'points', 'mine'];

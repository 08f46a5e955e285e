/** Every page of the app. Paths without the leading slash are what app.config lists. */
export const PAGES = {
  home: 'pages/home/index',
  submit: 'pages/submit/index',
  mine: 'pages/mine/index',
  application: 'pages/application/index',
  grid: 'pages/grid/index',
  /** 代申报: the submit form for a household of one's grid (a tab page cannot take a query). */
  submitOnBehalf: 'pages/submit-on-behalf/index',
  /** H5 demo mode only; never registered in weapp. */
  demo: 'pages/demo/index',
} as const;

export type PageName = keyof typeof PAGES;

/** Absolute URL of a page, with an optional query. */
export function route(page: PageName, query?: Record<string, string | number>): string {
  const base = `/${PAGES[page]}`;
  if (!query) return base;
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return qs ? `${base}?${qs}` : base;
}

export const TAB_PAGES: readonly PageName[] = ['home', 'submit', 'mine'];

/**
 * H5 only: small inline pictures for <Empty>, so nothing is fetched from a CDN (the demo server
 * may be offline). Same meaning as Vant's 'default' / 'error' / 'network' / 'search' images.
 */
const svg = (body: string) =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160">${body}</svg>`,
  )}`;

const base =
  '<ellipse cx="80" cy="138" rx="52" ry="6" fill="#ebedf0"/>' +
  '<rect x="40" y="34" width="80" height="92" rx="8" fill="#f2f3f5" stroke="#dcdee0" stroke-width="3"/>';

const lines =
  '<rect x="54" y="56" width="52" height="6" rx="3" fill="#dcdee0"/>' +
  '<rect x="54" y="74" width="40" height="6" rx="3" fill="#dcdee0"/>' +
  '<rect x="54" y="92" width="46" height="6" rx="3" fill="#dcdee0"/>';

const mark = (color: string, glyph: string) =>
  `<circle cx="112" cy="112" r="22" fill="${color}"/>` +
  `<text x="112" y="121" font-size="26" font-family="Arial,sans-serif" font-weight="700" fill="#fff" text-anchor="middle">${glyph}</text>`;

export const EMPTY_IMAGES = {
  default: svg(base + lines),
  search: svg(base + lines + mark('#1989fa', '?')),
  error: svg(base + lines + mark('#ee0a24', '!')),
  network: svg(base + lines + mark('#969799', '×')),
} as const;

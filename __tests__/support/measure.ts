/** What the browser tests measure on a page a person sees (elder mode, contrast everywhere). */
import type { Page } from 'playwright-core';

export interface Problem {
  kind: string;
  text: string;
  value: number;
}

/**
 * Measures the visible page in the browser: font sizes (below `minFontPx`), text contrast
 * (< 4.5:1, WCAG AA), tap targets (< 48 px, only with `minFontPx`: the large setting),
 * overflow and overlap. `root`: the visible element to walk (default: the whole page).
 */
export async function measure(page: Page, opts: { root?: string; minFontPx?: number } = {}): Promise<{ problems: Problem[]; figures: number[]; texts: number }> {
  return page.evaluate(({ rootSelector, minFont }) => {
    const problems: { kind: string; text: string; value: number }[] = [];
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(',').map((x) => parseFloat(x));
      return [p[0], p[1], p[2], p[3] === undefined ? 1 : p[3]];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    /** The colour behind an element: the first ancestor with an opaque-ish background (gradients: their first colour). */
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        const img = cs.backgroundImage;
        if (img && img !== 'none') {
          const m = img.match(/rgba?\([^)]+\)/);
          if (m) return parse(m[0]).slice(0, 3);
        }
        const bg = parse(cs.backgroundColor);
        if (bg[3] > 0.5) return bg.slice(0, 3);
      }
      return [255, 255, 255];
    };
    // The page on top: the visible element matching the root selector.
    const root = (rootSelector && Array.from(document.querySelectorAll(rootSelector)).find((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().width > 0)) || document.body;
    const vw = document.documentElement.clientWidth;
    let texts = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || parseFloat(cs.opacity) < 0.5) continue;
      texts++;
      const text = (n.textContent ?? '').trim().slice(0, 30);
      const size = parseFloat(cs.fontSize);
      if (minFont && size < minFont) problems.push({ kind: `font<${minFont}`, text, value: size });
      const fg = parse(cs.color);
      const ratio = (Math.max(lum(fg), lum(background(el))) + 0.05) / (Math.min(lum(fg), lum(background(el))) + 0.05);
      if (ratio < 4.5) problems.push({ kind: 'contrast<4.5', text, value: Math.round(ratio * 100) / 100 });
      if (r.right > vw + 1) problems.push({ kind: 'overflow', text, value: r.right });
    }
    // Tap targets: every button-like element at least 48 px high (and wide).
    const taps = root.querySelectorAll('.van-button, .segmented__item, .notice__speak, .van-tab, [data-setting], .balance__speak');
    for (const t of minFont ? Array.from(taps) : []) {
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || (t as HTMLElement).offsetParent === null) continue;
      const label = (t.textContent ?? '').trim().slice(0, 20);
      if (r.height < 47.5) problems.push({ kind: 'tap<48', text: label, value: Math.round(r.height) });
      if (r.width < 47.5) problems.push({ kind: 'tap-width<48', text: label, value: Math.round(r.width) });
    }
    // Overlap: two texts (neither inside the other) whose boxes cover each other by more than a sliver.
    const boxes = Array.from(seen).map((e) => ({ e, r: e.getBoundingClientRect() })).filter((b) => b.r.width > 0 && b.r.height > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 4 && h > 4) problems.push({ kind: 'overlap', text: `${(a.e.textContent ?? '').trim().slice(0, 12)} / ${(b.e.textContent ?? '').trim().slice(0, 12)}`, value: Math.round(w * h) });
      }
    }
    if (document.documentElement.scrollWidth > vw + 1) problems.push({ kind: 'page-overflow', text: '', value: document.documentElement.scrollWidth });
    const figures = Array.from(root.querySelectorAll('.balance__value, .todo__figure, .detail__points, .code__redeemable')).map((e) => parseFloat(getComputedStyle(e).fontSize));
    return { problems, figures, texts };
  }, { rootSelector: opts.root ?? null, minFont: opts.minFontPx ?? 0 });
}


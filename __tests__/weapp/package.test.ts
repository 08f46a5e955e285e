/**
 * What WeChat's review and real phones need of the weapp package (issue 17), checked on the
 * built dist/ and on the sources: project.config.json (AppID from the build's environment,
 * cloudfunctionRoot at the bundles, base library 3.4.0), sitemap.json indexing nothing,
 * lazyCodeLoading with every page still rendering, Vant's icon font inside the package, photos
 * through chooseMedia only, tap-only APIs called synchronously in a tap handler, and a share card
 * without names or door numbers; the main package and each subpackage within their size budget,
 * every page of src/constants/routes.ts in its package. Requires `npm run build:weapp` first (npm
 * test does it).
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { parse, type Node } from 'acorn';
import { ancestor } from 'acorn-walk';
import {
  CLOUD_FUNCTION_ROOT,
  MIN_BASE_LIBRARY,
  PACKAGE_BUDGET,
  VANT_ICONS_NOT_IN_FONT,
  formatPackageSizes,
  iconNamesUsed,
  inlineIconFont,
  overBudget,
  packageSizes,
  pruneIconRules,
  weappProjectConfig,
} from '../../config/weappPackage';
import { PAGES, SUBPACKAGES, packageOf, type PageName } from '../../src/constants/routes';
import { SHARE_IMAGE, shareCard } from '../../src/pkg-villager/publicity/shareCard';
import { DIST, assertBuilt, closePages, cloud, renderPage, settle, textOf } from './miniprogram';

assertBuilt();
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

function filesUnder(dir: string, ok: (f: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, ok);
    return ok(full) ? [full] : [];
  });
}

describe('project.config.json', () => {
  it('the package points DevTools at the function bundles, base library 3.4.0; the root project too', () => {
    const dist = readJson<Record<string, unknown>>(path.join(DIST, 'project.config.json'));
    expect(dist).toMatchObject({ cloudfunctionRoot: CLOUD_FUNCTION_ROOT, libVersion: MIN_BASE_LIBRARY, miniprogramRoot: './' });
    expect(CLOUD_FUNCTION_ROOT).toBe('../dist-functions/');
    const root = readJson<Record<string, unknown>>(path.join(ROOT, 'project.config.json'));
    expect(root).toMatchObject({ cloudfunctionRoot: 'dist-functions/', miniprogramRoot: 'dist/', libVersion: MIN_BASE_LIBRARY });
  });

  it('the AppID comes from TARO_APP_ID; the cloud environment from XIANGYUE_CLOUD_ENV', () => {
    expect(weappProjectConfig({ appid: 'touristappid' }, { TARO_APP_ID: 'wx0123456789abcdef' })).toMatchObject({ appid: 'wx0123456789abcdef' });
    expect(weappProjectConfig({ appid: 'touristappid' }, {})).toMatchObject({ appid: 'touristappid' });
    const config = fs.readFileSync(path.join(ROOT, 'config/index.ts'), 'utf8');
    expect(config).toMatch(/CLOUD_ENV: JSON\.stringify\(process\.env\.XIANGYUE_CLOUD_ENV/);
  });
});

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  sitemapLocation?: string;
  lazyCodeLoading?: string;
}
const app = () => readJson<AppJson>(path.join(DIST, 'app.json'));
/** Every page the build registers: the main package's, then each subpackage's (root/page). */
const allRoutes = () => [...app().pages, ...(app().subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

describe('packages (issue 16)', () => {
  it('each package within budget: main ≤ 600 KB, each subpackage ≤ 2 MB, all ≤ 2 MB', () => {
    const sizes = packageSizes(DIST);
    // The figures, one line per package, for the README and for whoever makes the build grow.
    console.log(formatPackageSizes(sizes));
    expect(overBudget(sizes)).toEqual([]);
    expect(sizes.packages.map((p) => p.name)).toEqual(['main', ...Object.keys(SUBPACKAGES)]);
    expect(sizes.packages.every((p) => p.files > 0)).toBe(true);
  });

  it('the budget check names what is over', () => {
    const KB = 1024;
    const sizes = { packages: [{ name: 'main', bytes: 601 * KB, files: 1 }, { name: 'pkg-a', bytes: 2049 * KB, files: 1 }], total: 2650 * KB };
    expect(overBudget(sizes)).toEqual(['main package 601.0 KB > 600.0 KB', 'pkg-a package 2049.0 KB > 2048.0 KB', 'total 2650.0 KB > 2048.0 KB']);
    expect(overBudget({ packages: [{ name: 'main', bytes: 600 * KB, files: 1 }], total: 600 * KB })).toEqual([]);
    expect(PACKAGE_BUDGET).toEqual({ main: 600 * KB, subpackage: 2048 * KB, total: 2048 * KB });
  });

  it('every page of the route constants is registered in its package, once (the demo page only in H5)', () => {
    const expected = (Object.keys(PAGES) as PageName[]).filter((p) => p !== 'demo').map((p) => PAGES[p]);
    expect([...allRoutes()].sort()).toEqual([...expected].sort());
    for (const page of Object.keys(PAGES) as PageName[]) {
      const pkg = packageOf(page);
      if (pkg === 'main') expect(PAGES[page].startsWith('pages/')).toBe(true);
      else expect(app().subPackages?.find((p) => p.root === pkg)?.pages).toContain(PAGES[page].slice(pkg.length + 1));
    }
    for (const p of allRoutes()) expect(fs.existsSync(path.join(DIST, `${p}.js`))).toBe(true);
  });

  it('a subpackage requires nothing from another subpackage', () => {
    const roots = Object.keys(SUBPACKAGES);
    const wrong: string[] = [];
    for (const root of roots) {
      for (const f of filesUnder(path.join(DIST, root), (x) => x.endsWith('.js'))) {
        const code = fs.readFileSync(f, 'utf8');
        for (const m of code.matchAll(/require\("([^"]+)"\)/g)) {
          const target = path.relative(DIST, path.resolve(path.dirname(f), m[1])).split(path.sep)[0];
          if (roots.includes(target) && target !== root) wrong.push(`${path.relative(DIST, f)} → ${m[1]}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('首页 preloads every role\'s subpackage; each preload names real packages and stays within 2 MB', () => {
    const rules = app().preloadRule ?? {};
    expect(rules[PAGES.home]?.packages).toEqual(Object.keys(SUBPACKAGES));
    const sizes = packageSizes(DIST);
    for (const [page, rule] of Object.entries(rules)) {
      expect(allRoutes()).toContain(page);
      const bytes = rule.packages.map((name) => sizes.packages.find((p) => p.name === name)?.bytes ?? Number.NaN).reduce((a, b) => a + b, 0);
      expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    }
  });
});

describe('sitemap and lazy loading', () => {

  it('sitemap.json disallows every page and allows none', () => {
    expect(app().sitemapLocation).toBe('sitemap.json');
    const sitemap = readJson<{ rules: { action: string; page: string }[] }>(path.join(DIST, 'sitemap.json'));
    expect(sitemap.rules).toEqual([{ action: 'disallow', page: '*' }]);
  });

  it('lazyCodeLoading is requiredComponents, and every page still renders', async () => {
    expect(app().lazyCodeLoading).toBe('requiredComponents');
    cloud.backend = () => ({ ok: false, code: 'NOT_REGISTERED', message: '您还未登记为本村村民，请联系网格员或村委会' });
    const wx = (globalThis as unknown as { wx?: Record<string, unknown> }).wx;
    const broken: string[] = [];
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const route of allRoutes()) {
      try {
        const page = renderPage(route);
        await settle(5);
        if (textOf(page).trim() === '') broken.push(`${route}: nothing rendered`);
      } catch (e) {
        broken.push(`${route}: ${(e as Error).message}`);
      } finally {
        closePages();
      }
    }
    errors.mockRestore();
    void wx;
    expect(broken).toEqual([]);
  });
});

describe('Vant icon font inside the package', () => {
  it('the icon stylesheet carries the font as a data URI; no CDN address is left in the package', () => {
    const icon = fs.readFileSync(path.join(DIST, 'vant-weapp/icon/index.wxss'), 'utf8');
    expect(icon).toMatch(/@font-face\{[^}]*src:url\("data:font\/woff2;charset=utf-8;base64,d09GMg/);
    const offenders = filesUnder(DIST, (f) => /\.(wxss|wxml|js|json)$/.test(f)).filter((f) => {
      const s = fs.readFileSync(f, 'utf8');
      return /alicdn\.com|yzcdn\.cn|img01\.yzcdn|fonts\.googleapis/.test(s) || (f.endsWith('.wxss') && /url\(\s*['"]?(https?:)?\/\//.test(s));
    });
    expect(offenders.map((f) => path.relative(DIST, f))).toEqual([]);
  });

  it('inlining replaces only the font source', () => {
    const css = '.a{b:c}@font-face{font-family:vant-icon;src:url(//at.alicdn.com/x.woff2) format("woff2"),url(//at.alicdn.com/x.woff) format("woff")}.d{e:f}';
    const out = inlineIconFont(css, Buffer.from('wOF2'));
    expect(out).toBe('.a{b:c}@font-face{font-family:vant-icon;src:url("data:font/woff2;charset=utf-8;base64,d09GMg==") format("woff2")}.d{e:f}');
  });

  it('the package keeps the rules of the icons it names and drops the others', () => {
    const css = '.van-icon{a:b}.van-icon-cross:before{content:"\\e6a1"}.van-icon-gift-o:before{content:"\\e6b2"}.van-icon-arrow-down:before{content:"\\e6c3"}';
    const used = iconNamesUsed(['{closeIcon:{type:String,value:"cross"}}', "<van-icon name=\"{{ 'arrow' + '-' + d }}\"/>"]);
    expect(pruneIconRules(css, used)).toBe('.van-icon{a:b}.van-icon-cross:before{content:"\\e6a1"}.van-icon-arrow-down:before{content:"\\e6c3"}');
    const built = fs.readFileSync(path.join(DIST, 'vant-weapp/icon/index.wxss'), 'utf8');
    const rules = [...built.matchAll(/\.van-icon-([a-z0-9-]+):before/g)].map((m) => m[1]);
    // Vant's own defaults (field's clear, popup's cross, steps' checked, cell's arrows) stay.
    expect(rules).toEqual(expect.arrayContaining(['clear', 'cross', 'checked', 'arrow', 'arrow-left', 'arrow-down']));
    expect(rules).not.toContain('gift-card-o');
    expect(rules.length).toBeLessThan(80);
  });

  it('no shipped Vant component uses an icon the bundled font lacks', () => {
    const used = filesUnder(path.join(DIST, 'vant-weapp'), (f) => /\.(wxml|js)$/.test(f)).flatMap((f) => {
      const s = fs.readFileSync(f, 'utf8');
      return [...s.matchAll(/(?:name|icon)="([a-z-]+)"|icon:\s*'([a-z-]+)'/g)].map((m) => m[1] ?? m[2]);
    });
    expect(used.filter((n) => VANT_ICONS_NOT_IN_FONT.includes(n) && n !== 'description')).toEqual([]);
  });
});

/** Every source file, transpiled to modern JS (types and JSX gone) and parsed by acorn. */
const SOURCES = filesUnder(SRC, (f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts')).map((file) => {
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.React },
  }).outputText;
  return { file: path.relative(ROOT, file), ast: parse(js, { ecmaVersion: 'latest', sourceType: 'module' }) };
});

describe('photos through chooseMedia', () => {
  it('no source calls chooseImage; only src/services/pickPhotos.ts calls chooseMedia', () => {
    const calls: string[] = [];
    for (const { file, ast } of SOURCES) {
      ancestor(ast, {
        MemberExpression(n: Node) {
          const m = n as unknown as { property: { name?: string } };
          if (m.property.name === 'chooseImage' || m.property.name === 'chooseMedia') calls.push(`${file}:${m.property.name}`);
        },
      });
    }
    expect(calls).toEqual(['src/services/pickPhotos.ts:chooseMedia']);
  });
});

describe('tap-only APIs', () => {
  /** WeChat runs these only when called directly (synchronously) from a user's tap. */
  const TAP_ONLY = ['shareFileMessage', 'requestSubscribeMessage'];
  const TAP_PROPS = new Set(['onClick', 'onTap', 'onLongPress', 'onConfirm']);
  const DEFERRING = new Set(['then', 'catch', 'finally', 'setTimeout', 'setInterval', 'nextTick', 'requestAnimationFrame']);
  type AnyNode = Node & Record<string, unknown>;
  interface Site {
    file: string;
    ancestors: AnyNode[];
  }
  const isFn = (n: AnyNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
  const calleeName = (c: AnyNode): string | null => {
    const callee = c.callee as AnyNode;
    if (callee.type === 'Identifier') return callee.name as string;
    if (callee.type === 'MemberExpression') return ((callee.property as AnyNode).name as string) ?? null;
    return null;
  };

  // Calls by name, functions referenced as tap props, across every source file.
  const callsByName = new Map<string, Site[]>();
  const tapRefs = new Set<string>();
  const tapOnlyCalls: (Site & { api: string })[] = [];
  /** Factory (e.g. a hook) → the variables assigned its result (`const ask = useSubscribeAsk(…)`). */
  const assignedFrom = new Map<string, string[]>();
  for (const { file, ast } of SOURCES) {
    ancestor(ast, {
      CallExpression(n: Node, _s: unknown, anc: Node[]) {
        const name = calleeName(n as AnyNode);
        if (!name) return;
        const site = { file, ancestors: [...(anc as AnyNode[])] };
        callsByName.set(name, [...(callsByName.get(name) ?? []), site]);
        if (TAP_ONLY.includes(name)) tapOnlyCalls.push({ ...site, api: name });
      },
      VariableDeclarator(n: Node) {
        const d = n as AnyNode;
        const init = d.init as AnyNode | null;
        const id = d.id as AnyNode;
        if (init?.type === 'CallExpression' && id.type === 'Identifier') {
          const factory = calleeName(init);
          if (factory) assignedFrom.set(factory, [...(assignedFrom.get(factory) ?? []), id.name as string]);
        }
      },
      Property(n: Node) {
        const p = n as AnyNode;
        const key = (p.key as AnyNode).name as string | undefined;
        const value = p.value as AnyNode;
        if (key && TAP_PROPS.has(key) && value.type === 'Identifier') tapRefs.add(value.name as string);
      },
    });
  }

  /** Does an `await` of this function itself (not of a nested function) start before `pos`? */
  function awaitsBefore(node: unknown, pos: number, root = true): boolean {
    if (!node || typeof node !== 'object') return false;
    const n = node as AnyNode;
    if (!root && typeof n.type === 'string' && isFn(n)) return false;
    if (n.type === 'AwaitExpression' && (n.start as number) < pos) return true;
    return Object.entries(n).some(([k, v]) => k !== 'type' && (Array.isArray(v) ? v.some((x) => awaitsBefore(x, pos, false)) : typeof v === 'object' && awaitsBefore(v, pos, false)));
  }

  /**
   * Is the function at ancestors[i] run synchronously by a tap, up to `pos` (the call in it)? An
   * async function runs synchronously until its first await: a call before any await still is in the tap.
   */
  function runsInTap(ancestors: AnyNode[], i: number, depth: number, why: string[], pos = Number.MAX_SAFE_INTEGER, seen = new Set<AnyNode>()): boolean {
    const fn = ancestors[i];
    // A function already being checked on this path (names can repeat): its other callers decide.
    if (seen.has(fn)) return true;
    seen = new Set(seen).add(fn);
    if (fn.generator) return why.push('inside a generator') > 0 && false;
    if (fn.async && awaitsBefore(fn.body, pos)) return why.push('after an await (no longer in the tap)') > 0 && false;
    const parent = ancestors[i - 1];
    if (parent?.type === 'Property' && TAP_PROPS.has(((parent.key as AnyNode).name as string) ?? '')) return true;
    if (parent?.type === 'CallExpression' && (parent.arguments as AnyNode[]).includes(fn)) {
      const name = calleeName(parent);
      if (name && DEFERRING.has(name)) return why.push(`inside a ${name} callback`) > 0 && false;
    }
    // A function returned by a factory runs where the factory's result is called.
    if (parent?.type === 'ReturnStatement' || (parent && isFn(parent) && parent.body === fn)) {
      const k = ancestors.slice(0, parent?.type === 'ReturnStatement' ? i - 1 : i).map(isFn).lastIndexOf(true);
      const factory = k >= 0 ? ancestors[k] : null;
      const factoryName =
        factory?.type === 'FunctionDeclaration' ? ((factory.id as AnyNode).name as string) : ancestors[k - 1]?.type === 'VariableDeclarator' ? ((ancestors[k - 1].id as AnyNode).name as string) : null;
      const vars = factoryName ? (assignedFrom.get(factoryName) ?? []) : [];
      if (vars.length === 0) return why.push('returned by a factory whose result is never called from a tap') > 0 && false;
      return vars.every((v) => {
        if (tapRefs.has(v)) return true;
        const callers = callsByName.get(v) ?? [];
        return callers.length > 0 && callers.every((c) => {
          const j = c.ancestors.map(isFn).lastIndexOf(true);
          return j >= 0 && runsInTap(c.ancestors, j, depth + 1, why, c.ancestors[c.ancestors.length - 1].start, seen);
        });
      });
    }
    let name: string | null = null;
    if (fn.type === 'FunctionDeclaration') name = (fn.id as AnyNode).name as string;
    else if (parent?.type === 'VariableDeclarator') name = (parent.id as AnyNode).name as string;
    else if (parent?.type === 'CallExpression' && ancestors[i - 2]?.type === 'VariableDeclarator') name = ((ancestors[i - 2].id as AnyNode).name as string) ?? null; // useCallback(() => …)
    if (!name) return why.push('not a tap handler') > 0 && false;
    if (tapRefs.has(name)) return true;
    if (depth > 6) return why.push('call chain too deep') > 0 && false;
    const callers = callsByName.get(name) ?? [];
    if (callers.length === 0) return why.push(`${name} is never called from a tap`) > 0 && false;
    return callers.every((c) => {
      const j = c.ancestors.map(isFn).lastIndexOf(true);
      return j >= 0 && runsInTap(c.ancestors, j, depth + 1, why, c.ancestors[c.ancestors.length - 1].start, seen);
    });
  }

  it('the export file is sent to a chat from the tap itself (the build carries shareFileMessage)', () => {
    expect(tapOnlyCalls.map((c) => c.api)).toContain('shareFileMessage');
    const built = filesUnder(DIST, (f) => f.endsWith('.js')).some((f) => fs.readFileSync(f, 'utf8').includes('shareFileMessage'));
    expect(built).toBe(true);
  });

  it('in the build, the function calling shareFileMessage runs on its own: not a callback, not a compiled async function', () => {
    const sites: string[] = [];
    for (const f of filesUnder(DIST, (x) => x.endsWith('.js') && !x.includes(`${path.sep}vant-weapp${path.sep}`) && !x.endsWith('taro.js'))) {
      const code = fs.readFileSync(f, 'utf8');
      if (!TAP_ONLY.some((api) => code.includes(api))) continue;
      ancestor(parse(code, { ecmaVersion: 2017, sourceType: 'script' }), {
        CallExpression(n: Node, _s: unknown, anc: Node[]) {
          const name = calleeName(n as AnyNode);
          if (!name || !TAP_ONLY.includes(name)) return;
          const a = anc as AnyNode[];
          const i = a.slice(0, -1).map(isFn).lastIndexOf(true);
          const fn = a[i];
          const parent = a[i - 1];
          // Babel turns an async function into a generator body passed to a helper call; a promise
          // callback is an argument too. Either way the call would not run in the tap.
          const deferred = !fn || fn.async || fn.generator || (parent?.type === 'CallExpression' && (parent.arguments as AnyNode[]).includes(fn));
          sites.push(`${path.relative(DIST, f)}:${name}:${deferred ? 'deferred' : 'direct'}`);
        },
      });
    }
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.filter((s) => s.endsWith(':deferred'))).toEqual([]);
  });

  it('every call of a tap-only API is synchronous inside a tap handler', () => {
    const wrong: string[] = [];
    for (const c of tapOnlyCalls) {
      const i = c.ancestors.slice(0, -1).map(isFn).lastIndexOf(true);
      const why: string[] = [];
      if (i < 0 || !runsInTap(c.ancestors, i, 0, why, c.ancestors[c.ancestors.length - 1].start)) wrong.push(`${c.file}: ${c.api} — ${why.join('; ') || 'not in a function'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the check itself catches a call after an await', () => {
    const bad = parse("async function exportCsv() { const f = await load(); wx.shareFileMessage({ filePath: f }); }\nconst x = { onClick: exportCsv };", { ecmaVersion: 'latest', sourceType: 'module' });
    let anc: AnyNode[] = [];
    ancestor(bad, {
      CallExpression(n: Node, _s: unknown, a: Node[]) {
        if (calleeName(n as AnyNode) === 'shareFileMessage') anc = [...(a as AnyNode[])];
      },
    });
    const why: string[] = [];
    expect(runsInTap(anc, anc.slice(0, -1).map(isFn).lastIndexOf(true), 0, why, anc[anc.length - 1].start)).toBe(false);
    expect(why[0]).toMatch(/after an await/);
  });

  it('a call before the first await of an async tap handler is still in the tap', () => {
    const ok = parse("async function submit() { wx.requestSubscribeMessage({ tmplIds: [] }); await save(); }\nconst x = { onClick: submit };", { ecmaVersion: 'latest', sourceType: 'module' });
    let anc: AnyNode[] = [];
    ancestor(ok, {
      CallExpression(n: Node, _s: unknown, a: Node[]) {
        if (calleeName(n as AnyNode) === 'requestSubscribeMessage') anc = [...(a as AnyNode[])];
      },
    });
    expect(runsInTap(anc, anc.slice(0, -1).map(isFn).lastIndexOf(true), 0, [], anc[anc.length - 1].start)).toBe(true);
  });
});

describe('the publicity share card', () => {
  const p = { villageId: 'v-qs', villageName: '青山村', quarter: '2026-Q3', startDate: '2026-10-01', endDate: '2026-10-07' };

  it('has a fixed picture shipped in the package, and only the village, quarter and period', () => {
    const card = shareCard(p);
    expect(card.imageUrl).toBe(SHARE_IMAGE);
    expect(fs.existsSync(path.join(DIST, SHARE_IMAGE))).toBe(true);
    expect(card.title).toBe('青山村 2026年第三季度积分公示（2026-10-01 至 2026-10-07）');
    expect(card.title).not.toMatch(/Q\d/);
    expect(card.title).not.toMatch(/\d+号|[*＊]/);
    expect(shareCard(null).imageUrl).toBe(SHARE_IMAGE);
    expect(fs.readFileSync(path.join(DIST, 'pkg-villager/publicity/index.js'), 'utf8')).toContain(SHARE_IMAGE);
  });
});

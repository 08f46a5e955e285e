/**
 * A Taro plugin that finishes the weapp package after each build (`ctx.onBuildFinish`), for what
 * WeChat's review and real phones need and Taro does not do:
 * - `dist/project.config.json`: the AppID from `TARO_APP_ID`, `cloudfunctionRoot` at the function
 *   bundles (`dist-functions/`, built by `npm run build:functions`), the base library 3.4.0;
 * - `dist/sitemap.json`: nothing indexed by WeChat search (lists hold masked names, tags, phones);
 * - Vant's icon font inside the package (a data URI) instead of a public CDN, so arrows, step marks
 *   and clear buttons show on blocked or weak networks. The font is @vant/icons 1.8.0's woff2
 *   (config/assets/vant-icon.woff2); the icons @vant/weapp 1.11.7 added later (contact, notes,
 *   records, …: VANT_ICONS_NOT_IN_FONT) are not in it, and no component we ship uses them.
 * - the size of each package (main and every subpackage), printed after the build and held to
 *   PACKAGE_BUDGET by the package test.
 * `__tests__/weapp/package.test.ts` checks the built package for each.
 */
import fs from 'fs';
import path from 'path';

/** The lowest WeChat base library the package is built and tested for (set the same in the MP console). */
export const MIN_BASE_LIBRARY = '3.4.0';

/** Where DevTools finds the cloud functions to deploy, relative to dist/ (the bundles, not the TypeScript sources). */
export const CLOUD_FUNCTION_ROOT = '../dist-functions/';

export const SITEMAP = {
  desc: '乡约积分的页面含村民的积分、申报和网格信息，均不允许被微信搜索收录',
  rules: [{ action: 'disallow', page: '*' }],
};

export const VANT_ICONS_NOT_IN_FONT = [
  'contact', 'notes', 'records', 'cash-back-record', 'newspaper', 'discount', 'completed', 'user', 'description',
  'list-switch', 'list-switching', 'records-o', 'cash-back-record-o', 'completed-o', 'contact-o', 'description-o', 'discount-o',
];

const FONT = path.resolve(__dirname, 'assets/vant-icon.woff2');

/** project.config.json as the weapp package carries it. */
export function weappProjectConfig(base: Record<string, unknown>, env: { TARO_APP_ID?: string } = process.env): Record<string, unknown> {
  const appid = env.TARO_APP_ID?.trim();
  return {
    ...base,
    ...(appid ? { appid } : {}),
    cloudfunctionRoot: CLOUD_FUNCTION_ROOT,
    libVersion: MIN_BASE_LIBRARY,
  };
}

/** Vant's icon stylesheet with its @font-face pointing at the font inside the package. */
export function inlineIconFont(wxss: string, woff2: Buffer): string {
  const src = `src:url("data:font/woff2;charset=utf-8;base64,${woff2.toString('base64')}") format("woff2")`;
  return wxss.replace(/(@font-face\{[^}]*?)src:[^;}]*(?=[;}])/g, `$1${src}`);
}

/** Icon names a rule of Vant's stylesheet defines (`.van-icon-NAME:before{content:…}`). */
const ICON_RULE = /\.van-icon-([a-z0-9-]+):before\{content:"[^"]*"\}/g;

/**
 * Icon names the package can ask for: every quoted word in its scripts and templates (a page's
 * `icon="shop-o"` compiles to a string; Vant's defaults are strings such as "clear"), and the
 * arrow family, which Vant's cell builds by concatenation (`'arrow' + '-' + arrowDirection`).
 */
export function iconNamesUsed(sources: string[]): Set<string> {
  const used = new Set(['arrow', 'arrow-left', 'arrow-up', 'arrow-down']);
  for (const s of sources) for (const m of s.matchAll(/["']([a-z0-9-]+)["']/g)) used.add(m[1]);
  return used;
}

/**
 * Vant's icon stylesheet without the ~250 rules of icons the package never names: they cost
 * ~10 KB of the main package, which every user downloads before the first page shows.
 */
export function pruneIconRules(wxss: string, used: Set<string>): string {
  return wxss.replace(ICON_RULE, (rule: string, name: string) => (used.has(name) ? rule : ''));
}

function packageSources(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(js|wxml)$/.test(e.name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dist);
  return out;
}

export function finishWeappPackage(dist: string): void {
  const configPath = path.join(dist, 'project.config.json');
  if (fs.existsSync(configPath)) {
    const base = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(configPath, `${JSON.stringify(weappProjectConfig(base), null, 2)}\n`);
  }
  fs.writeFileSync(path.join(dist, 'sitemap.json'), `${JSON.stringify(SITEMAP, null, 2)}\n`);
  const iconWxss = path.join(dist, 'vant-weapp/icon/index.wxss');
  if (fs.existsSync(iconWxss)) {
    const pruned = pruneIconRules(fs.readFileSync(iconWxss, 'utf8'), iconNamesUsed(packageSources(dist)));
    fs.writeFileSync(iconWxss, inlineIconFont(pruned, fs.readFileSync(FONT)));
  }
}

/**
 * Size budget of the weapp build, in bytes (issue 16). WeChat refuses a main package or a
 * subpackage over 2 MB and a whole over 20 MB; we keep the main package, which every user
 * downloads before the first page shows, at 600 KB and the whole at 2 MB.
 */
export const PACKAGE_BUDGET = { main: 600 * 1024, subpackage: 2 * 1024 * 1024, total: 2 * 1024 * 1024 };

export interface PackageSize {
  /** 'main' or the subpackage's root. */
  name: string;
  bytes: number;
  files: number;
}

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The subpackage roots app.json declares (`subPackages` or `subpackages`). */
export function subpackageRoots(dist: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  return (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
}

/** Every file of the built package counted once: under a subpackage's root it is that subpackage's, else the main package's. */
export function packageSizes(dist: string): { packages: PackageSize[]; total: number } {
  const roots = subpackageRoots(dist);
  const packages: PackageSize[] = [{ name: 'main', bytes: 0, files: 0 }, ...roots.map((name) => ({ name, bytes: 0, files: 0 }))];
  for (const file of filesIn(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/');
    const pkg = packages.find((p) => p.name !== 'main' && rel.startsWith(`${p.name}/`)) ?? packages[0];
    pkg.bytes += fs.statSync(file).size;
    pkg.files += 1;
  }
  return { packages, total: packages.reduce((sum, p) => sum + p.bytes, 0) };
}

/** What exceeds the budget, in words; empty when every package fits. */
export function overBudget(sizes: { packages: PackageSize[]; total: number }, budget = PACKAGE_BUDGET): string[] {
  const over: string[] = [];
  for (const p of sizes.packages) {
    const limit = p.name === 'main' ? budget.main : budget.subpackage;
    if (p.bytes > limit) over.push(`${p.name} package ${kb(p.bytes)} > ${kb(limit)}`);
  }
  if (sizes.total > budget.total) over.push(`total ${kb(sizes.total)} > ${kb(budget.total)}`);
  return over;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One line per package and the total, with its budget beside it. */
export function formatPackageSizes(sizes: { packages: PackageSize[]; total: number }, budget = PACKAGE_BUDGET): string {
  const line = (name: string, bytes: number, limit: number, files?: number) =>
    `${name.padEnd(12)} ${kb(bytes).padStart(10)}  (budget ${kb(limit)}${files === undefined ? '' : `, ${files} files`})${bytes > limit ? '  OVER' : ''}`;
  return [
    'weapp package sizes:',
    ...sizes.packages.map((p) => line(p.name, p.bytes, p.name === 'main' ? budget.main : budget.subpackage, p.files)),
    line('total', sizes.total, budget.total),
  ].join('\n');
}

interface PluginContext {
  onBuildFinish(fn: () => void): void;
  paths: { outputPath: string };
}

export default (ctx: PluginContext): void => {
  ctx.onBuildFinish(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    finishWeappPackage(ctx.paths.outputPath);
    console.log(formatPackageSizes(packageSizes(ctx.paths.outputPath)));
  });
};

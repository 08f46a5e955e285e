import path from 'path';
import fs from 'fs';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { needsTranspile } from './transpile';

const root = path.resolve(__dirname, '..');
const isH5 = process.env.TARO_ENV === 'h5';
const isWeapp = process.env.TARO_ENV === 'weapp';

/** Vant components the weapp wrappers use (also read by src/constants/vant.ts for usingComponents). */
const VANT_COMPONENTS: string[] = JSON.parse(
  fs.readFileSync(path.join(root, 'src/components/vant/components.json'), 'utf8'),
);

/**
 * @vant/weapp components copied into the weapp package: the ones the wrappers in
 * src/components/vant use, plus every component they use in turn (read from each
 * component's index.json), plus the shared folders their scripts require.
 */
function vantCopyPatterns(): { from: string; to: string }[] {
  const lib = path.join(root, 'node_modules/@vant/weapp/lib');
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const json = JSON.parse(fs.readFileSync(path.join(lib, name, 'index.json'), 'utf8')) as {
      usingComponents?: Record<string, string>;
    };
    for (const rel of Object.values(json.usingComponents ?? {})) visit(path.basename(path.dirname(rel)));
  };
  VANT_COMPONENTS.forEach(visit);
  return [...seen, 'common', 'mixins', 'wxs', 'definitions'].sort().map((name) => ({
    from: `node_modules/@vant/weapp/lib/${name}/`,
    to: `dist/vant-weapp/${name}/`,
  }));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiangyue',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    // Finishes dist/ for WeChat's review: project.config.json, sitemap.json, the icon font inside (config/weappPackage.ts).
    plugins: isWeapp ? [path.resolve(__dirname, 'weappPackage.ts')] : [],
    defineConstants: {
      // CloudBase environment id for Taro.cloud.init; empty = the account's default environment.
      CLOUD_ENV: JSON.stringify(process.env.XIANGYUE_CLOUD_ENV ?? ''),
    },
    alias: {
      '@domain': path.resolve(root, 'src/domain'),
    },
    copy: {
      // The fixed share-card picture (src/pkg-villager/publicity/shareCard.ts) ships in the package.
      patterns: isWeapp ? [...vantCopyPatterns(), { from: 'src/assets/share/', to: 'dist/assets/share/' }] : [],
      // Vant ships TypeScript declarations next to its scripts: not part of a package.
      options: { ignore: ['**/*.d.ts'] },
    },
    // The weapp main package is held to 600 KB (issue 16, config/weappPackage.ts PACKAGE_BUDGET).
    // Taro's mini-program terser turns most of terser's size passes off and escapes every Chinese
    // character as \uXXXX (6 bytes instead of 3 in UTF-8); WeChat reads UTF-8 scripts. The syntax
    // stays within ES2017 (babel.config.js; __tests__/weapp/syntax.test.ts).
    ...(isWeapp
      ? {
          terser: {
            enable: true,
            config: {
              compress: { collapse_vars: true, comparisons: true, computed_props: true, inline: true, loops: true, properties: true, reduce_funcs: true, reduce_vars: true, switches: true, typeofs: true },
              output: { ascii_only: false },
            },
          },
        }
      : {}),
    // WeChat templates cannot recurse: Taro writes every template once per nesting level into
    // base.wxml (~6 KB a level, in the main package) and renders what lies deeper through its
    // <comp> component (a goods card's tag on 超市管理 does; the weapp tests render such parts).
    baseLevel: 8,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Dependencies with syntax newer than ES2017 go through Babel too (config/transpile.ts).
      compile: { include: [needsTranspile] },
      postcss: {
        pxtransform: {
          enable: true,
          // Vant's own styles are in px for a 375-wide screen: leave them alone.
          config: { selectorBlackList: [/van-/] },
        },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      // Run @antmjs/vantui's styles through postcss too (Taro skips node_modules otherwise), so its
      // 750-design px become rem like ours.
      esnextModules: ['@antmjs/vantui'],
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // Taro splits only the initial chunk: every lazily loaded page would carry its own copy of
        // the H5 components and @antmjs/vantui. Share them between pages instead.
        chain.optimization.merge({ splitChunks: { chunks: 'all' } });
      },
      devServer: {
        proxy: { '/api': { target: 'http://127.0.0.1:8787', changeOrigin: true } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});

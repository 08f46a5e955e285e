import { vantUsingComponents } from './constants/vant';
import { PAGES, SUBPACKAGES, subpackagePages, type SubpackageRoot } from './constants/routes';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  // The main package (≤ 600 KB, config/weappPackage.ts): the tab pages and what a villager opens
  // first. The rest is in subPackages by role (src/constants/routes.ts SUBPACKAGES), each loaded
  // when one of its pages first opens.
  pages: [
    PAGES.home,
    PAGES.submit,
    PAGES.mine,
    PAGES.points,
    PAGES.application,
    PAGES.code,
    PAGES.shop,
    PAGES.welcome,
    PAGES.privacy,
    PAGES.inbox,
    // 选择演示身份 exists only in the H5 demo build.
    ...(process.env.TARO_ENV === 'h5' ? [PAGES.demo] : []),
  ],
  // src/constants/routes.ts: a page's path names its package; each root is a folder beside src/pages.
  subPackages: (Object.keys(SUBPACKAGES) as SubpackageRoot[]).map((root) => ({ root, pages: subpackagePages(root) })),
  // Fetched in the background once the page shows (then kept until the next release), so the page
  // a role opens next is ready: 首页 holds every role's entries (工作台, 待办, 公示, 随手拍); one who
  // lands on 公示 or 随手拍 from a share card or a notice may go on to 异议处理 or the event; 网格管理
  // opens a household's 住户名册.
  preloadRule: {
    [PAGES.home]: { network: 'all', packages: Object.keys(SUBPACKAGES) },
    [PAGES.publicity]: { network: 'all', packages: ['pkg-review'] },
    [PAGES.report]: { network: 'all', packages: ['pkg-grid'] },
    [PAGES.gridAdmin]: { network: 'all', packages: ['pkg-grid'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '乡约积分',
    navigationBarTextStyle: 'black',
    // Taro's H5 router draws its title bar (title, back on pages opened from another, home on a
    // page opened directly) only when this is named; WeChat draws its own either way.
    navigationStyle: 'default',
    backgroundColor: '#f7f8fa',
  },
  tabBar: {
    color: '#646566',
    selectedColor: '#06793f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: PAGES.home, text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: PAGES.submit, text: '申报', iconPath: 'assets/tabbar/submit.png', selectedIconPath: 'assets/tabbar/submit-active.png' },
      { pagePath: PAGES.points, text: '积分', iconPath: 'assets/tabbar/points.png', selectedIconPath: 'assets/tabbar/points-active.png' },
      // Staff read 工作台 on the first tab and the town admin gets none (src/services/tabs.ts).
      { pagePath: PAGES.mine, text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  ...(isWeapp
    ? {
        usingComponents: vantUsingComponents(),
        // Only the components a page renders are injected when it opens (faster start on old phones).
        lazyCodeLoading: 'requiredComponents',
        // dist/sitemap.json (config/weappPackage.ts): nothing indexed by WeChat search.
        sitemapLocation: 'sitemap.json',
        // 读给我听: WeChat's 同声传译 plugin (src/services/speech.weapp.ts); add it to the mini-program in mp.weixin.qq.com before release.
        plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } },
      }
    : {}),
});

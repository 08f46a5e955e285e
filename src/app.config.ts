import { vantUsingComponents } from './constants/vant';
import { PAGES } from './constants/routes';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  pages: [
    PAGES.home,
    PAGES.submit,
    PAGES.mine,
    PAGES.application,
    PAGES.grid,
    PAGES.submitOnBehalf,
    PAGES.points,
    PAGES.code,
    PAGES.shop,
    PAGES.cashier,
    PAGES.receipts,
    PAGES.shopAdmin,
    PAGES.fund,
    PAGES.assessment,
    PAGES.assessmentLedger,
    PAGES.catalogue,
    PAGES.catalogueAdmin,
    PAGES.veto,
    PAGES.rules,
    PAGES.report,
    PAGES.events,
    PAGES.event,
    PAGES.patrol,
    PAGES.patrolLedger,
    PAGES.audit,
    PAGES.baseScore,
    PAGES.gridAdmin,
    PAGES.roster,
    PAGES.rosterImport,
    PAGES.peopleLedger,
    PAGES.paperwork,
    PAGES.dashboard,
    PAGES.publicity,
    PAGES.ranking,
    PAGES.objections,
    PAGES.townReview,
    PAGES.welcome,
    PAGES.townSetup,
    PAGES.committee,
    PAGES.cards,
    PAGES.bindingLog,
    PAGES.household,
    PAGES.privacy,
    PAGES.inbox,
    // 选择演示身份 exists only in the H5 demo build.
    ...(process.env.TARO_ENV === 'h5' ? [PAGES.demo] : []),
  ],
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

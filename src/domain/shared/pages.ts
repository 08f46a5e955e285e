/**
 * Every page of the app: the one table of page paths (src/constants/routes.ts re-exports it for
 * the pages; notices, share cards and the functions read it here). Paths without the leading
 * slash are what app.config lists. A path's first segment is its package: `pages/` is the main package (the tab pages and what a villager opens
 * first), `pkg-*` a subpackage by role (SUBPACKAGES below), loaded when one of its pages first opens.
 */
export const PAGES = {
  home: 'pages/home/index',
  submit: 'pages/submit/index',
  /** 我的 (tab): who I am, my household, my applications, settings (大字模式). */
  mine: 'pages/mine/index',
  application: 'pages/application/index',
  grid: 'pkg-grid/grid/index',
  /** 代申报: the submit form for a household of one's grid (a tab page cannot take a query). */
  submitOnBehalf: 'pkg-grid/submit-on-behalf/index',
  /** 积分: the household's balance and ledger. */
  points: 'pages/points/index',
  /** 兑换码: the household's short-lived redemption code (QR + 8 digits). */
  code: 'pages/code/index',
  /** 积分超市: goods with point prices and stock (read-only). */
  shop: 'pages/shop/index',
  /** 扫码兑换: the shop clerk's scan → cart → confirm → receipt. */
  cashier: 'pkg-shop/cashier/index',
  /** 兑换记录: receipts (my household's, the ones I issued, or the village's). */
  receipts: 'pkg-villager/receipts/index',
  /** 超市管理: the village admin's goods, stock, redemption days and point grants. */
  shopAdmin: 'pkg-shop/shop-admin/index',
  /** 基金池: the village's pool (village admin) or every village's (town admin, ?scope=town). */
  fund: 'pkg-admin/fund/index',
  /** 网格员积分评定: the grid leader's monthly assessment (?view=mine: a worker's own results). */
  assessment: 'pkg-grid/assessment/index',
  /** 网格员积分评定台账: the village's or the town's month, the per-village overview and the CSV export. */
  assessmentLedger: 'pkg-admin/assessment-ledger/index',
  /** 积分目录: the catalogue in force in my village (read-only). */
  catalogue: 'pkg-villager/catalogue/index',
  /** 积分目录修订与备案: the village admin's draft; the town admin's filing queue. */
  catalogueAdmin: 'pkg-admin/catalogue-admin/index',
  /** 一票否决: reviewers record, supervisors countersign, the household sees its own. */
  veto: 'pkg-review/veto/index',
  /** 村规设置: audit, publicity, base score, veto and year-end policy. */
  rules: 'pkg-admin/rules/index',
  /** 随手拍/说事: report a grid event (villager: own grid; grid worker: a grid of theirs, ?gridId=&patrolId=). */
  report: 'pkg-villager/report/index',
  /** 网格事件 lists: the worker's grids, the village, the town, dispatched to me (?mine=1: what I reported). */
  events: 'pkg-grid/events/index',
  /** One event: history and the steps the viewer may take. */
  event: 'pkg-grid/event/index',
  /** 巡查走访: what is due, record a patrol or a household visit. */
  patrol: 'pkg-grid/patrol/index',
  /** 定点巡查台账: the village's or the town's patrols of a month, and the CSV export. */
  patrolLedger: 'pkg-admin/patrol-ledger/index',
  /** 月度评议 (一月一审核): sign, freeze, close the month; the months overview with late flags. */
  audit: 'pkg-review/audit/index',
  /** 基础评分: a reviewer records a household's quarterly 人居环境 score. */
  baseScore: 'pkg-review/base-score/index',
  /** 网格管理: the grid tree with 不漏户 flags; grids, leaders/workers, moving households; the privacy read log. */
  gridAdmin: 'pkg-admin/grid-admin/index',
  /** 住户名册: one household's tags and members' phones (?householdId=). */
  roster: 'pkg-grid/roster/index',
  /** 导入住户名册: paste or choose a CSV/.xlsx → check every row → confirm. */
  rosterImport: 'pkg-admin/import/index',
  /** 人员信息分布台账: households, people and tag counts per grid, and the CSV export. */
  peopleLedger: 'pkg-admin/people-ledger/index',
  paperwork: 'pkg-admin/paperwork/index',
  /** 镇看板 / 村看板: per village for a month, quarter or year — participation, points, fund, audit, publicity, events, assessment. */
  dashboard: 'pkg-admin/dashboard/index',
  /** 积分公示 (一季一公示): the quarter's list, my line, 红黑榜, share, 异议 and my objections; the village admin opens/closes it (?villageId=&quarter=). */
  publicity: 'pkg-villager/publicity/index',
  /** 年度评比 (星级文明户, 文明农家, 最美家庭): the published honours; the admin drafts, reviewers sign (?year=&villageId=). */
  ranking: 'pkg-villager/ranking/index',
  /** 异议处理: reviewers and supervisors investigate and co-sign decisions (?quarter=). */
  objections: 'pkg-review/objections/index',
  /** 镇复核: the town admin's quarter of every village: approve or send back. */
  townReview: 'pkg-town/town-review/index',
  /** 欢迎/绑定: a WeChat user not yet bound binds with a household card (?card=) or claims an admin code (?claim=); join requests wait here. */
  welcome: 'pages/welcome/index',
  /** 镇村上线: the town admin's villages with setup progress, new villages, village-admin invitations. */
  townSetup: 'pkg-town/town-setup/index',
  /** 评议监督小组: the village admin appoints reviewers (组长), supervisors and shop clerks against the checklist. */
  committee: 'pkg-admin/committee/index',
  /** 一户一码绑定卡: printable household cards of the village or one grid (?gridId=); 重新制卡. */
  cards: 'pkg-admin/cards/index',
  /** 绑定记录: binds, unbinds and appointments (village admin, supervisors); the admin unbinds a lost phone. */
  bindingLog: 'pkg-admin/binding-log/index',
  /** 家庭成员与加入申请: the head's members; join requests for heads and grid workers. */
  household: 'pkg-villager/household/index',
  /** 单位登记: the village admin's register of units (shops, associations, cooperatives, village groups) with their points. */
  units: 'pkg-admin/units/index',
  /** 单位积分: one unit's points, ledger and applications, and its 申报 (the 负责人, the village admin, its grid's workers; ?unitId=). */
  unit: 'pkg-villager/unit/index',
  /** 隐私说明 (and WeChat's privacy prompt: ?ask=1). */
  privacy: 'pages/privacy/index',
  /** 消息中心: my notices newest first; each opens the page it is about. */
  inbox: 'pages/inbox/index',
  /** H5 demo mode only; never registered in weapp. */
  demo: 'pages/demo/index',
} as const;

export type PageName = keyof typeof PAGES;

/**
 * A page of this app with a plain query (`/pkg-review/veto/index?tab=pending`), else null: where
 * binding may send someone back to (a shared card's ?back=, which may have been edited by hand).
 */
export function appPageUrl(url: string): string | null {
  const m = /^\/([a-z-]+\/[a-z-]+\/index)(\?[A-Za-z0-9_=&%.-]*)?$/.exec(url);
  return m && (Object.values(PAGES) as string[]).includes(m[1]) ? url : null;
}


/**
 * The weapp subpackages (issue 16), by the role that works in them; each folder sits beside
 * src/pages. Only the keys are used: what each holds is said here, in comments, because this
 * table ships in the main package (a description string cost it ~0.6 KB of its 600 KB).
 */
export const SUBPACKAGES = {
  /** 村民 (what follows the first pages): 积分公示与异议, 年度评比, 家庭成员与加入申请, 随手拍/说事, 积分目录, 兑换记录, 单位积分 */
  'pkg-villager': 1,
  /** 网格员、网格长: 网格住户, 代申报, 巡查走访, 网格事件, 网格员积分评定 */
  'pkg-grid': 1,
  /** 评议小组、监督小组: 月度评议, 基础评分, 异议处理, 一票否决 */
  'pkg-review': 1,
  /** 超市店员、村两委: 扫码兑换, 超市管理 */
  'pkg-shop': 1,
  /** 村两委 (and the town for its overviews): 网格管理, 导入名册, 台账, 村规, 目录修订, 评议监督小组, 绑定卡, 基金池, 看板, 单位登记 */
  'pkg-admin': 1,
  /** 镇管理员: 镇复核, 镇村上线 */
  'pkg-town': 1,
} as const;

export type SubpackageRoot = keyof typeof SUBPACKAGES;

/** The package a page ships in: 'main', or its subpackage's root. */
export function packageOf(page: PageName): 'main' | SubpackageRoot {
  const root = PAGES[page].split('/')[0];
  return root in SUBPACKAGES ? (root as SubpackageRoot) : 'main';
}

/** The pages of one subpackage, relative to its root (what app.config's subPackages lists). */
export function subpackagePages(root: SubpackageRoot): string[] {
  return Object.values(PAGES)
    .filter((path) => path.startsWith(`${root}/`))
    .map((path) => path.slice(root.length + 1));
}

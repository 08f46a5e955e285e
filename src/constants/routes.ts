/** Every page of the app. Paths without the leading slash are what app.config lists. */
export const PAGES = {
  home: 'pages/home/index',
  submit: 'pages/submit/index',
  /** 我的 (tab): who I am, my household, my applications, settings (大字模式). */
  mine: 'pages/mine/index',
  application: 'pages/application/index',
  grid: 'pages/grid/index',
  /** 代申报: the submit form for a household of one's grid (a tab page cannot take a query). */
  submitOnBehalf: 'pages/submit-on-behalf/index',
  /** 积分: the household's balance and ledger. */
  points: 'pages/points/index',
  /** 兑换码: the household's short-lived redemption code (QR + 8 digits). */
  code: 'pages/code/index',
  /** 积分超市: goods with point prices and stock (read-only). */
  shop: 'pages/shop/index',
  /** 扫码兑换: the shop clerk's scan → cart → confirm → receipt. */
  cashier: 'pages/cashier/index',
  /** 兑换记录: receipts (my household's, the ones I issued, or the village's). */
  receipts: 'pages/receipts/index',
  /** 超市管理: the village admin's goods, stock, redemption days and point grants. */
  shopAdmin: 'pages/shop-admin/index',
  /** 基金池: the village's pool (village admin) or every village's (town admin, ?scope=town). */
  fund: 'pages/fund/index',
  /** 网格员积分评定: the grid leader's monthly assessment (?view=mine: a worker's own results). */
  assessment: 'pages/assessment/index',
  /** 网格员积分评定台账: the village's or the town's month, the per-village overview and the CSV export. */
  assessmentLedger: 'pages/assessment-ledger/index',
  /** 积分目录: the catalogue in force in my village (read-only). */
  catalogue: 'pages/catalogue/index',
  /** 积分目录修订与备案: the village admin's draft; the town admin's filing queue. */
  catalogueAdmin: 'pages/catalogue-admin/index',
  /** 一票否决: reviewers record, supervisors countersign, the household sees its own. */
  veto: 'pages/veto/index',
  /** 村规设置: audit, publicity, base score, veto and year-end policy. */
  rules: 'pages/rules/index',
  /** 随手拍/说事: report a grid event (villager: own grid; grid worker: a grid of theirs, ?gridId=&patrolId=). */
  report: 'pages/report/index',
  /** 网格事件 lists: the worker's grids, the village, the town, dispatched to me (?mine=1: what I reported). */
  events: 'pages/events/index',
  /** One event: history and the steps the viewer may take. */
  event: 'pages/event/index',
  /** 巡查走访: what is due, record a patrol or a household visit. */
  patrol: 'pages/patrol/index',
  /** 定点巡查台账: the village's or the town's patrols of a month, and the CSV export. */
  patrolLedger: 'pages/patrol-ledger/index',
  /** 月度评议 (一月一审核): sign, freeze, close the month; the months overview with late flags. */
  audit: 'pages/audit/index',
  /** 基础评分: a reviewer records a household's quarterly 人居环境 score. */
  baseScore: 'pages/base-score/index',
  /** 网格管理: the grid tree with 不漏户 flags; grids, leaders/workers, moving households; the privacy read log. */
  gridAdmin: 'pages/grid-admin/index',
  /** 住户名册: one household's tags and members' phones (?householdId=). */
  roster: 'pages/roster/index',
  /** 导入住户名册: paste or choose a CSV/.xlsx → check every row → confirm. */
  rosterImport: 'pages/import/index',
  /** 人员信息分布台账: households, people and tag counts per grid, and the CSV export. */
  peopleLedger: 'pages/people-ledger/index',
  paperwork: 'pages/paperwork/index',
  /** 镇看板 / 村看板: per village for a month, quarter or year — participation, points, fund, audit, publicity, events, assessment. */
  dashboard: 'pages/dashboard/index',
  /** 积分公示 (一季一公示): the quarter's list, my line, 红黑榜, share, 异议 and my objections; the village admin opens/closes it (?villageId=&quarter=). */
  publicity: 'pages/publicity/index',
  /** 年度评比: 星级文明户, 文明农家, 最美家庭 of a year; the village admin drafts and publishes, reviewers sign, villagers read (?villageId=). */
  ranking: 'pages/ranking/index',
  /** 异议处理: reviewers and supervisors investigate and co-sign decisions (?quarter=). */
  objections: 'pages/objections/index',
  /** 镇复核: the town admin's quarter of every village: approve or send back. */
  townReview: 'pages/town-review/index',
  /** 欢迎/绑定: a WeChat user not yet bound binds with a household card (?card=) or claims an admin code (?claim=); join requests wait here. */
  welcome: 'pages/welcome/index',
  /** 镇村上线: the town admin's villages with setup progress, new villages, village-admin invitations. */
  townSetup: 'pages/town-setup/index',
  /** 评议监督小组: the village admin appoints reviewers (组长), supervisors and shop clerks against the checklist. */
  committee: 'pages/committee/index',
  /** 一户一码绑定卡: printable household cards of the village or one grid (?gridId=); 重新制卡. */
  cards: 'pages/cards/index',
  /** 绑定记录: binds, unbinds and appointments (village admin, supervisors); the admin unbinds a lost phone. */
  bindingLog: 'pages/binding-log/index',
  /** 家庭成员与加入申请: the head's members; join requests for heads and grid workers. */
  household: 'pages/household/index',
  /** 隐私说明 (and WeChat's privacy prompt: ?ask=1). */
  privacy: 'pages/privacy/index',
  /** 消息中心: my notices newest first; each opens the page it is about. */
  inbox: 'pages/inbox/index',
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

export const TAB_PAGES: readonly PageName[] = ['home', 'submit', 'points', 'mine'];

// The list can be shared to a WeChat group (useShareAppMessage in the page).
export default definePageConfig({ navigationBarTitleText: '积分公示', enablePullDownRefresh: true, enableShareAppMessage: true });

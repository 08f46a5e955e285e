// The quarter's town review can be shared to the town's WeChat group (useShareAppMessage in the page).
export default definePageConfig({ navigationBarTitleText: '镇复核', enablePullDownRefresh: true, enableShareAppMessage: true });

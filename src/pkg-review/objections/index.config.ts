// An objection can be shared to the committee's WeChat group (useShareAppMessage in the page): the card opens that objection.
export default definePageConfig({ navigationBarTitleText: '异议处理', enablePullDownRefresh: true, enableShareAppMessage: true });

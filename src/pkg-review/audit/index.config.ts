// A month can be shared to the committee's WeChat group (useShareAppMessage in the page): the card opens that month.
export default definePageConfig({ navigationBarTitleText: '月度评议', enablePullDownRefresh: true, enableShareAppMessage: true });

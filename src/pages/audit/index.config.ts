export default definePageConfig({ navigationBarTitleText: '月度评议', enablePullDownRefresh: true });

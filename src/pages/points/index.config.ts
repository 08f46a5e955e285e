export default definePageConfig({ navigationBarTitleText: '户积分', enablePullDownRefresh: true });

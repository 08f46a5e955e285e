export default definePageConfig({ navigationBarTitleText: '基础评分', enablePullDownRefresh: true });

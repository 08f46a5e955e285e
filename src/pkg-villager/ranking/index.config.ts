export default definePageConfig({ navigationBarTitleText: '年度评比', enablePullDownRefresh: true });

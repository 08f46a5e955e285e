export default definePageConfig({ navigationBarTitleText: '基金池', enablePullDownRefresh: true });

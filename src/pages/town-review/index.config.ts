export default definePageConfig({ navigationBarTitleText: '镇复核', enablePullDownRefresh: true });

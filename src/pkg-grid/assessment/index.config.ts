export default definePageConfig({ navigationBarTitleText: '网格员积分评定', enablePullDownRefresh: true });

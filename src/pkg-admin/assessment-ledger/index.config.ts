export default definePageConfig({ navigationBarTitleText: '网格员积分评定台账', enablePullDownRefresh: true });

export default definePageConfig({ navigationBarTitleText: '村规设置' });

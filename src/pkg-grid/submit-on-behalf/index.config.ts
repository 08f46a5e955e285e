export default definePageConfig({ navigationBarTitleText: '代申报' });

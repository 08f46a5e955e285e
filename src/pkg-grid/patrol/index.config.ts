export default definePageConfig({ navigationBarTitleText: '巡查走访' });

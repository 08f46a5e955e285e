export default definePageConfig({ navigationBarTitleText: '定点巡查台账' });

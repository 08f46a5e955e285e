export default definePageConfig({ navigationBarTitleText: '单位登记' });

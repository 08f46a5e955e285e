export default definePageConfig({ navigationBarTitleText: '人员信息分布台账' });

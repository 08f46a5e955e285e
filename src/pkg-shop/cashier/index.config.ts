export default definePageConfig({ navigationBarTitleText: '扫码兑换' });

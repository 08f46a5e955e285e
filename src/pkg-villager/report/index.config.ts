export default definePageConfig({ navigationBarTitleText: '随手拍 · 说事' });

export default definePageConfig({ navigationBarTitleText: '镇村上线' });

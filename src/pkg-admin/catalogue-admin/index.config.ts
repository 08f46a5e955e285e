export default definePageConfig({ navigationBarTitleText: '积分目录修订与备案' });

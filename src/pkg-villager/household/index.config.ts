export default definePageConfig({ navigationBarTitleText: '家庭成员与加入申请' });

// The vetoes waiting can be shared to the supervisors' WeChat group (useShareAppMessage in the page).
export default definePageConfig({ navigationBarTitleText: '一票否决', enableShareAppMessage: true });

export default definePageConfig({ navigationBarTitleText: '活动候补', enablePullDownRefresh: true })

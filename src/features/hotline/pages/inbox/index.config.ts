export default definePageConfig({ navigationBarTitleText: '网格诉求', enablePullDownRefresh: true })

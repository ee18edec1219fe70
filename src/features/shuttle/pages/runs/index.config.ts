export default definePageConfig({ navigationBarTitleText: '班车发车', enablePullDownRefresh: true })

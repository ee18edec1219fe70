export default definePageConfig({ navigationBarTitleText: '高铁站班车', enablePullDownRefresh: true })

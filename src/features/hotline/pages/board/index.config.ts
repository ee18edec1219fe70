export default definePageConfig({ navigationBarTitleText: '定星看板', enablePullDownRefresh: true })

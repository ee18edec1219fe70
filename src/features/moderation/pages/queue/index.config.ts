export default definePageConfig({ navigationBarTitleText: '内容安全', enablePullDownRefresh: true })

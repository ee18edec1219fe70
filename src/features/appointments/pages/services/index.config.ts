export default definePageConfig({ navigationBarTitleText: '办事预约', enablePullDownRefresh: true })

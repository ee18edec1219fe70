export default definePageConfig({ navigationBarTitleText: '乘车码', enablePullDownRefresh: true })

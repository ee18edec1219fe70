export default definePageConfig({ navigationBarTitleText: '候补', enablePullDownRefresh: true })

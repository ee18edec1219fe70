export default definePageConfig({
  navigationBarTitleText: '红石榴 · 管道社区',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})

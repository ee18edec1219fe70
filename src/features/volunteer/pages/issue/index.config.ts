export default definePageConfig({ navigationBarTitleText: '出具志愿服务证明', enablePullDownRefresh: true })

export default definePageConfig({ navigationBarTitleText: '红石榴志愿服务队' })

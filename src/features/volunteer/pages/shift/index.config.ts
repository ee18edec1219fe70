export default definePageConfig({ navigationBarTitleText: '服务班次' })

export default definePageConfig({ navigationBarTitleText: '热线设置' })

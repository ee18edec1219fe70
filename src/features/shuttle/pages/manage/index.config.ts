export default definePageConfig({ navigationBarTitleText: '班车线路与规则' })

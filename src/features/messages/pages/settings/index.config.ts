export default definePageConfig({ navigationBarTitleText: '微信消息提醒' })

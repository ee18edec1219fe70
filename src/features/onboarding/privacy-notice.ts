// The privacy notice residents accept on first use. Its version must equal the community's privacy_version on
// the server; changing the text means raising both, so that everyone is asked again.
export const PRIVACY_NOTICE = {
  version: '2026-11-01',
  title: '红石榴 · 管道社区服务 隐私保护指引',
  summary: [
    '我们只收集为您办事所必需的信息：姓名、手机号、所住楼栋单元房号。',
    '您的住址用于确定所属网格，让网格员为您服务；手机号用于办事联系，在列表中一律隐去中间四位。',
    '您的信息只在管道社区居委会及网格员之间使用，不会提供给任何商业机构。',
    '您可以随时在「我的 → 我的数据与隐私」中导出自己的全部数据，或注销账号。',
  ],
  sections: [
    { heading: '一、我们收集哪些信息', body: '登记住户时：姓名、手机号、楼栋、单元、房号。使用各项服务时：您主动填写的诉求、预约、报名内容。微信登录时：微信为本小程序分配的用户标识（OpenID），不含您的微信昵称和头像。' },
    { heading: '二、我们如何使用', body: '确定您所属的网格和网格员；办理您提出的服务并与您联系；统计服务情况以改进工作。长辈版等显示偏好只用于调整界面。' },
    { heading: '三、谁能看到', body: '您本人可以看到全部信息。您所在网格的网格员可以看到您的姓名、住址和隐去中间四位的手机号。社区工作人员在办理业务时可以查看。其他居民看不到您的任何信息。' },
    { heading: '四、保存与删除', body: '信息保存在社区的服务器中。您注销账号后，姓名、手机号和住址会立即删除，只保留一条不含个人信息的注销记录。' },
    { heading: '五、您的权利', body: '您可以查阅、更正、导出和删除自己的信息，可以撤回同意（即注销账号）。如有疑问，请拨打社区服务热线。' },
  ],
}

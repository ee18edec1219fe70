import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isAdmin, isStaff } from '@/core/session'

export default defineEntries({
  feature: 'people',
  cells: [
    {
      key: 'people',
      group: 'staff',
      order: 10,
      visible: isStaff,
      title: '人员与角色',
      // Only admins change roles; staff look people up.
      description: (me) => (isAdmin(me) ? '查找居民，设置网格员、志愿者、工作人员' : '查找居民与工作人员'),
      url: PAGE.people,
    },
    {
      key: 'accessLog',
      group: 'staff',
      order: 80,
      visible: isAdmin,
      title: '查询记录',
      description: () => '谁查看了居民的电话和身份证号',
      url: PAGE.accessLog,
    },
  ],
})

import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

export default defineEntries({
  feature: 'announcements',
  cells: [{ key: 'announcements-manage', group: 'staff', order: 70, visible: isStaff, title: '公告管理', description: '发布、撤回社区公告', url: PAGE.manageAnnouncements }],
})

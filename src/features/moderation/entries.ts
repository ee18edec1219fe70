import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

export default defineEntries({
  feature: 'moderation',
  cells: [{ key: 'moderation', group: 'staff', order: 75, visible: isStaff, title: '内容安全', description: '待审核的照片和文字，撤下不当内容', url: PAGE.moderation }],
})

import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { useMessages } from './store'

export default defineEntries({
  feature: 'messages',
  cells: [
    {
      key: 'messages',
      group: 'services',
      order: 10,
      visible: () => true,
      title: '消息中心',
      description: '诉求回复与办理进度',
      url: PAGE.messages,
      useBadge: () => useMessages((s) => s.unread),
    },
  ],
})

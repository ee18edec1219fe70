import type { InboxCounts } from '@server/features/hotline/actions'
import { call } from '@/core/api'
import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

const countText = (c: InboxCounts) => `待受理 ${c.new} · 处理中 ${c.inProgress}${c.overdue ? ` · 超时 ${c.overdue}` : ''}`

export default defineEntries<InboxCounts>({
  feature: 'hotline',
  services: [
    {
      key: 'hotline',
      order: 10,
      page: PAGE.hotlineMine,
      title: '服务热线',
      glyph: '热',
      summary: '有事找网格，网格员及时回应',
      details: ['写下诉求、附上照片，直接送到您所在网格的网格员', '全程可查看处理进度，办结后可以评价', '网格解决不了的，会转交社区统一协调'],
      color: '#c62f3b',
    },
  ],
  cells: [
    { key: 'hotline-mine', group: 'services', order: 20, visible: (me) => me.roles.includes('resident'), title: '我的诉求', description: '服务热线的诉求和办理进度', url: PAGE.hotlineMine },
    {
      key: 'hotline-queue',
      group: 'staff',
      order: 20,
      visible: isStaff,
      title: '诉求队列',
      description: (_, c) => (c ? `已上报 ${c.escalated} · ${countText(c)}` : '各网格诉求、上报社区的诉求'),
      url: PAGE.hotlineInbox,
    },
    { key: 'hotline-board', group: 'staff', order: 50, visible: isStaff, title: '定星看板', description: '各网格、网格员的响应、办结与评价', url: PAGE.hotlineBoard },
    { key: 'hotline-settings', group: 'staff', order: 60, visible: isStaff, title: '热线设置', description: '诉求类别、服务时限、常用回复', url: PAGE.hotlineSettings },
    {
      key: 'hotline-inbox',
      group: 'grid',
      order: 10,
      visible: (me) => me.roles.includes('grid_worker'),
      title: '网格诉求处理',
      description: (_, c) => (c ? countText(c) : '受理、回复、办结本网格居民的诉求'),
      url: PAGE.hotlineInbox,
    },
    // Staff reach the same page through 热线设置.
    { key: 'hotline-quick-replies', group: 'grid', order: 30, visible: (me) => me.roles.includes('grid_worker') && !isStaff(me), title: '常用回复', description: '回复居民时一键选用', url: PAGE.hotlineSettings },
  ],
  counts: {
    for: (me) => me.roles.includes('grid_worker') || isStaff(me),
    load: async () => (await call('hotline', 'inbox', { view: 'open', pageSize: 1 })).counts,
  },
})

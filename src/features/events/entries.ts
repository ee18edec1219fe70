import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

export default defineEntries({
  feature: 'events',
  services: [
    {
      key: 'events',
      order: 40,
      page: PAGE.events,
      title: '活动报名',
      glyph: '活',
      summary: '文艺演出、老年大学、讲座培训',
      details: ['红石榴艺术团演出、老年大学课程、技能培训报名', '可以带家人一起报名，满员可排队候补', '活动当天凭签到码入场'],
      color: '#5b4bb7',
    },
  ],
  cells: [
    { key: 'event-mine', group: 'services', order: 40, visible: (me) => me.roles.includes('resident'), title: '我的报名', description: '活动签到码、候补和取消', url: PAGE.eventMine },
    { key: 'event-organise-team', group: 'volunteer', order: 20, visible: (me) => !!me.team?.leader && !isStaff(me), title: '组织活动', description: '发布本队活动、报名名单、签到', url: PAGE.eventOrganise },
    { key: 'event-organise', group: 'staff', order: 60, visible: isStaff, title: '活动管理', description: '发布活动、报名名单、签到与出勤导出', url: PAGE.eventOrganise },
  ],
})

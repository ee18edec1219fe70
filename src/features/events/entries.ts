// 活动与志愿 is not built yet: its tile and the volunteer's team cell lead to the 「即将开放」 page.
import { defineEntries } from '@/core/entries'
import { linkTo } from '@/core/routes'

export default defineEntries({
  feature: 'events',
  services: [
    {
      key: 'events',
      order: 40,
      title: '活动与志愿',
      glyph: '活',
      summary: '文艺演出、老年大学、志愿服务',
      details: ['红石榴艺术团演出、老年大学课程、技能培训报名', '志愿者报名服务班次、签到签退、累计时长', '名额已满可以排队候补'],
      color: '#5b4bb7',
    },
  ],
  cells: [
    {
      key: 'volunteer-team',
      group: 'volunteer',
      order: 10,
      visible: (me) => !!me.team,
      title: (me) => me.team?.name ?? '',
      description: (me) => (me.team?.leader ? '队长 · 服务班次即将开放' : '队员 · 服务班次即将开放'),
      url: linkTo('comingSoon', { service: 'events' }),
    },
  ],
})

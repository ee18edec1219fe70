// 志愿服务 is not built yet: its tile and the volunteer's team cell lead to the 「即将开放」 page.
import { defineEntries } from '@/core/entries'
import { linkTo } from '@/core/routes'

export default defineEntries({
  feature: 'volunteer',
  services: [
    {
      key: 'volunteer',
      order: 45,
      title: '志愿服务',
      glyph: '志',
      summary: '六支红石榴志愿服务队',
      details: ['申请加入红石榴志愿服务队', '报名服务班次，签到签退，累计服务时长', '申请志愿服务证明'],
      color: '#a5222d',
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
      url: linkTo('comingSoon', { service: 'volunteer' }),
    },
  ],
})

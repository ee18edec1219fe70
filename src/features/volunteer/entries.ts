import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

export default defineEntries({
  feature: 'volunteer',
  services: [
    {
      key: 'volunteer',
      order: 45,
      page: PAGE.volunteer,
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
      description: (me) => (me.team?.leader ? '队长 · 服务班次、时长与星级' : '队员 · 服务班次、时长与星级'),
      url: PAGE.volunteer,
    },
    {
      key: 'volunteer-lead',
      group: 'volunteer',
      order: 15,
      visible: (me) => !!me.team?.leader && !isStaff(me),
      title: '队伍管理',
      description: '入队申请、队员资质、发布班次、时长更正与导出',
      url: PAGE.volunteerLead,
    },
    { key: 'volunteer-staff', group: 'staff', order: 62, visible: isStaff, title: '志愿服务管理', description: '六支队伍的班次、队员与服务时长', url: PAGE.volunteerLead },
    { key: 'volunteer-issue', group: 'staff', order: 63, visible: isStaff, title: '出具志愿服务证明', description: '审核申请，出具证明并存档', url: PAGE.volunteerIssue },
  ],
})

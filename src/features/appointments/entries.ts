import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

export default defineEntries({
  feature: 'appointments',
  services: [
    {
      key: 'appointments',
      order: 20,
      page: PAGE.apptServices,
      title: '办事预约',
      glyph: '约',
      summary: '证照协助、车票代购、免费体检',
      details: ['查看需要携带的材料，选择日期和时段', '预约成功后凭预约码到窗口办理', '可在截止时间前取消或改约'],
      color: '#a86200',
    },
  ],
  cells: [
    { key: 'appt-mine', group: 'services', order: 30, visible: (me) => me.roles.includes('resident'), title: '我的预约', description: '办事预约的预约码、改约和取消', url: PAGE.apptMine },
    { key: 'appt-desk', group: 'staff', order: 30, visible: isStaff, title: '预约窗口', description: '当天预约名单、扫码签到、办结与出票', url: PAGE.apptDesk },
    { key: 'appt-manage', group: 'staff', order: 40, visible: isStaff, title: '预约设置', description: '服务项目、开放时间、停办安排、爽约规则', url: PAGE.apptManage },
    { key: 'appt-proxy', group: 'grid', order: 20, visible: (me) => me.roles.includes('grid_worker'), title: '代办预约', description: '为本网格居民预约社区服务', url: PAGE.apptProxy },
  ],
})

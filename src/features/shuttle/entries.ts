import { defineEntries } from '@/core/entries'
import { PAGE } from '@/core/routes'
import { isStaff } from '@/core/session'

export default defineEntries({
  feature: 'shuttle',
  services: [
    {
      key: 'shuttle',
      order: 30,
      page: PAGE.shuttle,
      title: '高铁站班车',
      glyph: '车',
      summary: '社区直达徐州东站',
      details: ['查看班次和剩余座位，为家人一起预约', '凭乘车码上车，满员可排队候补', '班次变动会第一时间通知您'],
      color: '#28695c',
    },
  ],
  cells: [
    { key: 'shuttle-mine', group: 'services', order: 35, visible: (me) => me.roles.includes('resident'), title: '我的乘车', description: '班车乘车码、候补、改乘和取消', url: PAGE.shuttleMine },
    { key: 'companions', group: 'services', order: 36, visible: (me) => me.roles.includes('resident'), title: '常用乘车人', description: '预约班车时一键选择家人', url: PAGE.companions },
    { key: 'shuttle-drive', group: 'driver', order: 10, visible: (me) => me.roles.includes('driver') && !isStaff(me), title: '我的班次', description: '今天的班次、乘客名单、核验乘车码、发车', url: PAGE.shuttleRuns },
    { key: 'shuttle-runs', group: 'staff', order: 50, visible: isStaff, title: '班车发车', description: '每天的班次和乘客名单，调整或取消班次', url: PAGE.shuttleRuns },
    { key: 'shuttle-manage', group: 'staff', order: 55, visible: isStaff, title: '班车线路与规则', description: '每周班次、加开、站点、预约与爽约规则', url: PAGE.shuttleManage },
  ],
})

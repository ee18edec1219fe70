// 高铁站班车 is not built yet: its tile leads to the 「即将开放」 page, which offers the hotline meanwhile.
import { defineEntries } from '@/core/entries'

export default defineEntries({
  feature: 'shuttle',
  services: [
    {
      key: 'shuttle',
      order: 30,
      title: '高铁站班车',
      glyph: '车',
      summary: '社区直达徐州东站',
      details: ['查看班次和剩余座位，为家人一起预约', '凭乘车码上车，满员可排队候补', '班次变动会第一时间通知您'],
      color: '#28695c',
    },
  ],
})

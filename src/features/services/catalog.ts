// The community's four services as residents meet them on 首页. Each opens its own feature once built; until
// then the entry leads to an honest 「即将开放」 page with the hotline, which already works.
import { PAGE } from '@/core/routes'
export interface ServiceEntry {
  key: 'hotline' | 'appointments' | 'shuttle' | 'events'
  /** The feature's page once it is open; without one the entry shows 「即将开放」. */
  page?: string
  title: string
  glyph: string
  summary: string
  details: string[]
  color: string
}

export const SERVICES: ServiceEntry[] = [
  {
    key: 'hotline',
    page: PAGE.hotlineMine,
    title: '服务热线',
    glyph: '热',
    summary: '有事找网格，网格员及时回应',
    details: ['写下诉求、附上照片，直接送到您所在网格的网格员', '全程可查看处理进度，办结后可以评价', '网格解决不了的，会转交社区统一协调'],
    color: '#c62f3b',
  },
  {
    key: 'appointments',
    page: PAGE.apptServices,
    title: '办事预约',
    glyph: '约',
    summary: '证照协助、车票代购、免费体检',
    details: ['查看需要携带的材料，选择日期和时段', '预约成功后凭预约码到窗口办理', '可在截止时间前取消或改约'],
    color: '#d98e04',
  },
  {
    key: 'shuttle',
    title: '高铁站班车',
    glyph: '车',
    summary: '社区直达徐州东站',
    details: ['查看班次和剩余座位，为家人一起预约', '凭乘车码上车，满员可排队候补', '班次变动会第一时间通知您'],
    color: '#2f7d6d',
  },
  {
    key: 'events',
    title: '活动与志愿',
    glyph: '活',
    summary: '文艺演出、老年大学、志愿服务',
    details: ['红石榴艺术团演出、老年大学课程、技能培训报名', '志愿者报名服务班次、签到签退、累计时长', '名额已满可以排队候补'],
    color: '#5b4bb7',
  },
]

export const serviceByKey = (key: string | undefined) => SERVICES.find((s) => s.key === key)

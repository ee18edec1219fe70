// What a certificate of service says, as lines: the same words on the page, on paper and in the saved image.
import type { CertificateContent, CertificateOut } from '@server/features/volunteer/actions'
import { hoursOf } from './labels'

const longDay = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

export function certificateBody(c: CertificateOut & { content: CertificateContent }): { lead: string; services: string[] } {
  const who = c.content.idMasked ? `${c.content.name}（身份证号：${c.content.idMasked}）` : c.content.name
  const teams = c.content.teams.length ? `系管道社区${c.content.teams.join('、')}志愿者，` : ''
  return {
    lead: `兹证明${who}${teams}于${longDay(c.fromDay)}至${longDay(c.toDay)}期间参加志愿服务，累计服务时长${hoursOf(c.content.minutes)}小时。`,
    services: c.content.services.map((s) => `${s.task}：${s.times}次，${hoursOf(s.minutes)}小时`),
  }
}

export const issuedOnText = (c: CertificateContent) => longDay(c.issuedOn)

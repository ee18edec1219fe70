// Hours as an xlsx workbook (exceljs), as the events' desk sheet is: a summary per volunteer and every record with
// its correction beside the original. Phones are left out: the sheet is forwarded in chats.
import { local } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { teamHours } from './hours'
import { loadExcel } from '../../core/xlsx'

const at = (iso: string | null) => (iso ? local(iso).format('YYYY-MM-DD HH:mm') : '')
const hours = (minutes: number | null) => (minutes === null ? '' : Math.round((minutes / 60) * 100) / 100)

export async function exportHours(ctx: AuthedCtx, input: { teamId?: number; period: { from: string; to: string } }): Promise<{ filename: string; base64: string }> {
  const data = await teamHours(ctx, input)
  const { Workbook } = await loadExcel()
  const book = new Workbook()
  book.creator = '管道社区居民委员会'
  book.created = ctx.clock()

  const summary = book.addWorksheet('汇总')
  summary.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '服务队', key: 'team', width: 18 },
    { header: '服务次数', key: 'records', width: 10 },
    { header: '服务时长（小时）', key: 'hours', width: 16 },
  ]
  data.members.forEach((m, i) => summary.addRow({ n: i + 1, name: m.name, team: m.team, records: m.records, hours: hours(m.minutes) }))
  summary.addRow({})
  summary.addRow({ name: '合计', records: data.members.reduce((n, m) => n + m.records, 0), hours: hours(data.members.reduce((n, m) => n + m.minutes, 0)) })

  const detail = book.addWorksheet('明细')
  detail.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '服务队', key: 'team', width: 18 },
    { header: '服务内容', key: 'task', width: 20 },
    { header: '地点', key: 'place', width: 16 },
    { header: '班次开始', key: 'starts', width: 18 },
    { header: '签到', key: 'in', width: 18 },
    { header: '签退', key: 'out', width: 18 },
    { header: '时长（小时）', key: 'hours', width: 12 },
    { header: '原始签到', key: 'origIn', width: 18 },
    { header: '原始签退', key: 'origOut', width: 18 },
    { header: '更正原因', key: 'reason', width: 24 },
  ]
  for (const r of data.records) {
    const last = r.corrections.at(-1)
    detail.addRow({
      name: r.volunteer.name,
      team: r.shift.team.name,
      task: r.shift.task,
      place: r.shift.place,
      starts: at(r.shift.startsAt),
      in: at(r.checkedInAt),
      out: r.checkedOutAt ? at(r.checkedOutAt) : '未签退',
      hours: hours(r.minutes),
      origIn: last ? at(r.original.checkedInAt) : '',
      origOut: last ? at(r.original.checkedOutAt) : '',
      reason: last ? `${last.reason}（${last.by}）` : '',
    })
  }
  for (const sheet of [summary, detail]) sheet.getRow(1).font = { bold: true }

  const buf = Buffer.from(await book.xlsx.writeBuffer())
  const who = data.teams.length === 1 ? data.teams[0]!.name : '红石榴志愿服务队'
  return { filename: `${who}-志愿服务时长-${data.from}至${data.to}.xlsx`, base64: buf.toString('base64') }
}

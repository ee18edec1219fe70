// The desk's spreadsheet: sign-ups and attendance of an event as an xlsx workbook (exceljs), which Excel and WPS
// open with the Chinese intact (xlsx is UTF-8 XML inside; no CSV code-page guessing). Phones are masked: the sheet
// is forwarded in chats.
import { local } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { rosterOf } from './door'
import { organiserOf } from './organise'
import * as repo from './repo'
import { eventRefusal } from './rules'
import { AppError } from '../../core/errors'
import { loadExcel } from '../../core/xlsx'

const at = (iso: string) => local(iso).format('YYYY-MM-DD HH:mm')

export async function exportSheet(ctx: AuthedCtx, eventId: number): Promise<{ filename: string; base64: string }> {
  const viewer = await organiserOf(ctx)
  const e = await repo.event(ctx.db, eventId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到该活动')
  const refused = eventRefusal('roster', viewer.organiser, { state: e.state, teamId: e.team_id, startsAt: e.starts_at, endsAt: e.ends_at }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  const r = await rosterOf(ctx, viewer, e)

  const { Workbook } = await loadExcel()
  const book = new Workbook()
  book.creator = '管道社区居民委员会'
  book.created = ctx.clock()
  const signups = book.addWorksheet('报名名单')
  signups.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '人数', key: 'places', width: 6 },
    { header: '同行人', key: 'guests', width: 28 },
    { header: '报名方式', key: 'how', width: 10 },
    { header: '报名时间', key: 'at', width: 18 },
  ]
  r.entries.forEach((x, i) => {
    const named = x.named.map((g) => `${g.name}（${g.relation}）`)
    if (x.guests > 0) named.push(`另${x.guests}人`)
    signups.addRow({ n: i + 1, name: x.name, phone: x.phoneMasked ?? '', places: x.places, guests: named.join('、'), how: x.walkIn ? '现场报名' : '线上报名', at: at(x.signedAt) })
  })

  const attendance = book.addWorksheet('出勤')
  attendance.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '人数', key: 'places', width: 6 },
    ...r.sessions.map((s) => ({ header: `第${s.position}次 ${local(s.startsAt).format('M月D日 HH:mm')}`, key: `s${s.id}`, width: 18 })),
  ]
  for (const x of r.entries) {
    const row: Record<string, string | number> = { name: x.name, places: x.places }
    for (const s of r.sessions) {
      const a = x.attendance.find((y) => y.sessionId === s.id)
      row[`s${s.id}`] = a ? (a.state === 'present' ? `已签到 ${local(a.at).format('HH:mm')}` : '未到') : ''
    }
    attendance.addRow(row)
  }
  attendance.addRow({})
  const total: Record<string, string | number> = { name: '到场合计', places: '' }
  for (const s of r.sessions) total[`s${s.id}`] = `${s.present}户 ${s.presentPlaces}人`
  attendance.addRow(total)
  for (const sheet of [signups, attendance]) sheet.getRow(1).font = { bold: true }

  const data = Buffer.from(await book.xlsx.writeBuffer())
  const day = local(e.starts_at).format('YYYYMMDD')
  return { filename: `${e.title}-${day}-报名与出勤.xlsx`, base64: data.toString('base64') }
}

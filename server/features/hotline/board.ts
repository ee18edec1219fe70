// 定星: response times, resolution, reopening and stars per grid and per grid worker over a period.
import { startOfLocalDay } from '../../../common/time'
import type { Services } from '../../core/context'
import { badInput } from '../../core/errors'
import { usersWithRole } from '../account/repo'
import { allGrids } from '../community/repo'
import type { Board, BoardRow } from './actions'
import { DAY_MS } from './present'
import * as repo from './repo'

const BOARD_MAX_DAYS = 366

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

type BoardInput = Awaited<ReturnType<typeof repo.createdBetween>>

function figures(key: string, name: string, rows: BoardInput): BoardRow {
  const responded = rows.filter((r) => r.first_response_at).map((r) => (Date.parse(r.first_response_at!) - Date.parse(r.created_at)) / 60_000)
  const resolvedOnce = rows.filter((r) => r.resolved_at)
  const rated = rows.filter((r) => r.rating_stars !== null)
  const m = median(responded)
  return {
    key,
    name,
    requests: rows.length,
    medianFirstResponseMinutes: m === null ? null : round(m, 1),
    // Resolved now (a reopened request is not), among the requests of the period.
    resolvedShare: rows.length ? round(rows.filter((r) => r.state === 'resolved' || r.state === 'closed').length / rows.length, 4) : null,
    // Reopened at least once, among the requests that were ever resolved.
    reopenRate: resolvedOnce.length ? round(resolvedOnce.filter((r) => r.reopen_count > 0).length / resolvedOnce.length, 4) : null,
    averageStars: rated.length ? round(rated.reduce((sum, r) => sum + r.rating_stars!, 0) / rated.length, 2) : null,
    ratings: rated.length,
  }
}

/**
 * Requests created on the Beijing days from..to (inclusive), per grid (the grid answering now) and per grid
 * worker (the one holding the request now). Every grid and every grid worker gets a row, empty or not.
 */
export async function board(ctx: Services, from: string, to: string): Promise<Board> {
  const start = startOfLocalDay(from)
  const last = startOfLocalDay(to)
  if (!start) throw badInput({ from: '开始日期无效' })
  if (!last) throw badInput({ to: '结束日期无效' })
  if (last < start) throw badInput({ to: '结束日期不能早于开始日期' })
  if ((last.getTime() - start.getTime()) / DAY_MS >= BOARD_MAX_DAYS) throw badInput({ to: `统计区间不能超过${BOARD_MAX_DAYS}天` })
  const end = new Date(last.getTime() + DAY_MS)
  const [rows, grids, workers] = await Promise.all([
    repo.createdBetween(ctx.db, start.toISOString(), end.toISOString()),
    allGrids(ctx.db),
    usersWithRole(ctx.db, 'grid_worker'),
  ])
  return {
    from,
    to,
    grids: grids.map((g) => figures(g.code, g.name, rows.filter((r) => r.grid_id === g.id))),
    workers: workers.map((w) => figures(`worker-${w.id}`, w.name ?? '网格员', rows.filter((r) => r.assignee_id === w.id))),
  }
}

// A clock time as residents type it: 9:12, 09:12, 9：12, 0912, 9点12, 9点12分 or 9点 mean 09:12 / 09:00.
export function readClock(typed: string): string | null {
  const t = typed.replace(/\s+/g, '').replace(/[：点]/g, ':').replace(/分$/, '')
  const m = /^(\d{1,2}):(\d{2})?$/.exec(t) ?? /^(\d{1,2})(\d{2})$/.exec(t) ?? /^(\d{1,2})$/.exec(t)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2] ?? 0)
  if (h > 23 || min > 59) return null
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}

/**
 * A calendar day as staff type it: 2026-12-05, 2026/12/5, 2026年12月5日, or without the year (12-5, 12月5日, 12.5),
 * which means the next such day from `today` (a December form typing 1月8日 means next January).
 */
export function readDate(typed: string, today: string): string | null {
  const t = typed.trim().replace(/\s+/g, '').replace(/[年月/.]/g, '-').replace(/日$/, '')
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  const short = /^(\d{1,2})-(\d{1,2})$/.exec(t)
  if (!full && !short) return null
  const [y0, m, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : [Number(today.slice(0, 4)), Number(short![1]), Number(short![2])]
  const day = (y: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  const real = (y: number) => {
    const dt = new Date(Date.UTC(y, m - 1, d))
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
  }
  if (full) return real(y0) ? day(y0) : null
  if (real(y0) && day(y0) >= today) return day(y0)
  return real(y0 + 1) ? day(y0 + 1) : null
}

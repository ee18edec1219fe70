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

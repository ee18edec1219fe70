// Text people write, checked with WeChat before the handler stores it: every action names its user-written fields
// in its table (ContentFields, common/contract.ts), and the pipeline calls screenText for them. A risky text is
// refused, naming the field; a 可疑 one is stored and listed for staff (review); one WeChat could not check
// (unreachable, busy, the author not seen by WeChat lately) is stored too and listed as unchecked, so the
// community's services do not stop when WeChat's check does. Nothing is written before the verdicts are in.
import type { ContentFields } from '../../../common/contract'
import type { AuthedCtx } from '../../core/context'
import { badInput } from '../../core/errors'
import { labelName, type TextVerdict } from './checker'
import * as repo from './repo'

/** The strings at a path of the parsed input; `*` stands for every item of a list. */
export function textsAt(input: unknown, path: string): { path: string; text: string }[] {
  let level: { path: string; value: unknown }[] = [{ path: '', value: input }]
  for (const part of path.split('.')) {
    const next: typeof level = []
    for (const { path: at, value } of level) {
      if (part === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ path: `${at}${at ? '.' : ''}${i}`, value: v }))
      } else if (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, part)) {
        next.push({ path: `${at}${at ? '.' : ''}${part}`, value: (value as Record<string, unknown>)[part] })
      }
    }
    level = next
  }
  return level.flatMap((l) => (typeof l.value === 'string' && l.value.trim() !== '' ? [{ path: l.path, text: l.value }] : []))
}

export const EXCERPT_LENGTH = 200

/**
 * Checks the action's user-written fields; throws BAD_INPUT naming every risky one. Returns what to record once
 * the handler has succeeded (the flags of texts stored without WeChat's clear pass), or null when nothing is to
 * be checked or no checker is set up.
 */
export async function screenText(ctx: AuthedCtx, fields: ContentFields, input: unknown, action: string): Promise<(() => Promise<void>) | null> {
  const checker = ctx.checker
  if (!checker) return null
  const pieces = Object.entries(fields).flatMap(([path, f]) => textsAt(input, path).map((t) => ({ ...t, fieldLabel: f.label, scene: f.scene })))
  if (pieces.length === 0) return null
  const openid = await repo.openidOf(ctx.db, ctx.actor.userId)
  const verdicts: TextVerdict[] = await Promise.all(
    pieces.map((p) =>
      openid ? checker.text({ openid, scene: p.scene, content: p.text }) : Promise.resolve<TextVerdict>({ verdict: 'unchecked', code: 'NO_OPENID', message: '账号没有微信身份' }),
    ),
  )
  const risky: Record<string, string> = {}
  verdicts.forEach((v, i) => {
    if (v.verdict === 'risky') risky[pieces[i].path] = `${pieces[i].fieldLabel}含有不宜发布的内容（${labelName(v.label)}），请修改后再提交`
  })
  if (Object.keys(risky).length) {
    ctx.log.info({ requestId: ctx.requestId, action, userId: ctx.actor.userId, fields: Object.keys(risky) }, 'text refused by the content check')
    throw badInput(risky)
  }
  type Flag = (typeof pieces)[number] & { verdict: 'review' | 'unchecked'; label: number | null; reason: string | null }
  const flags = pieces.flatMap((p, i): Flag[] => {
    const v = verdicts[i]
    if (v.verdict === 'review') return [{ ...p, verdict: 'review', label: v.label, reason: null }]
    if (v.verdict === 'unchecked') return [{ ...p, verdict: 'unchecked', label: null, reason: `${v.code} ${v.message}` }]
    return []
  })
  for (const f of flags) if (f.verdict === 'unchecked') ctx.log.warn({ requestId: ctx.requestId, action, field: f.path, reason: f.reason }, 'text stored without the content check')
  if (flags.length === 0) return null
  return async () => {
    const now = ctx.clock().toISOString()
    for (const f of flags) {
      await repo.flag(ctx.db, {
        user_id: ctx.actor.userId,
        action,
        field: f.path,
        field_label: f.fieldLabel,
        verdict: f.verdict,
        label: f.label,
        reason: f.reason,
        excerpt: [...f.text].slice(0, EXCERPT_LENGTH).join(''),
        created_at: now,
      })
    }
  }
}

// Which kinds of notice may come to a person as WeChat messages: the kinds this server has templates for, what
// the person turned off in 我的 → 消息通知, and the subscriptions they allowed in WeChat's prompt, counted.
import type { AuthedCtx, Services } from '../../core/context'
import { badInput } from '../../core/errors'
import type { ChannelOut, SUBSCRIBE_ANSWERS } from './actions'
import * as repo from './delivery-repo'
import { KINDS, KIND_NAMES, type Kind } from './kinds'
import { kindOfTemplateId, templateSettings } from './template-config'

export async function channelsOf({ db, config }: Services, userId: number): Promise<{ channels: ChannelOut[] }> {
  const settings = templateSettings(config)
  const [off, counts] = await Promise.all([repo.turnedOff(db, userId), repo.subscriptionsOf(db, userId)])
  return {
    channels: KIND_NAMES.map((kind) => {
      const id = settings.get(kind)?.id ?? null
      const { group, label, hint } = KINDS[kind]
      return { kind, group, label, hint, templateId: id, allowed: !off.has(kind), remaining: id ? (counts.get(id) ?? 0) : 0 }
    }),
  }
}

export async function subscribed(ctx: AuthedCtx, results: Record<string, (typeof SUBSCRIBE_ANSWERS)[number]>) {
  const { db, config, actor } = ctx
  const unknown = Object.keys(results).filter((id) => !kindOfTemplateId(config, id))
  if (unknown.length) throw badInput({ results: `没有这个消息模板：${unknown.join('、')}` })
  const accepted = Object.entries(results)
    .filter(([, answer]) => answer === 'accept')
    .map(([id]) => id)
  await repo.addSubscriptions(db, actor.userId, accepted, ctx.clock().toISOString())
  return channelsOf(ctx, actor.userId)
}

export async function setAllowed(ctx: AuthedCtx, kind: string, allowed: boolean) {
  if (!(KIND_NAMES as string[]).includes(kind)) throw badInput({ kind: '没有这个通知类别' })
  await repo.setAllowed(ctx.db, ctx.actor.userId, kind as Kind, allowed, ctx.clock().toISOString())
  return channelsOf(ctx, ctx.actor.userId)
}

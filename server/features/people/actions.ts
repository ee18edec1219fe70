import { z } from 'zod'
import { defineDomain, MAX_ID, mutation, query, type Role, STAFF_ROLES } from '../../../common/contract'
import { pageInput, type Page } from '../../../common/paging'

export interface PersonOut {
  id: number
  name: string
  /** Always masked: 138****5678. */
  phone: string
  address: string | null
  gridName: string | null
  roles: Role[]
  gridIds: number[]
  team: { id: number; name: string; leader: boolean } | null
  /** The number residents call: a service number, shown whole. */
  workPhone: string | null
}

/** One look at someone's personal data, for the admins' 查询记录. */
export interface AccessOut {
  id: number
  at: string
  /** Who looked. */
  who: string
  what: string
  /** Whose data, or what it belonged to. */
  subject: string
  purpose: string | null
}

/** A mobile number or a landline with its area code (0516-83861234). */
export const WORK_PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

/** Roles an admin grants. 'resident' follows from registering a household and is not granted by hand. */
export const GRANTABLE_ROLES = ['grid_worker', 'volunteer', 'driver', 'staff', 'admin'] as const

export const assignInput = z
  .object({
    userId: z.number({ error: '请选择人员' }).int('人员编号无效').positive('人员编号无效').max(MAX_ID, '人员编号无效'),
    roles: z.array(z.enum(GRANTABLE_ROLES, { error: '角色无效' }), { error: '角色应为列表' }).max(4, '角色无效'),
    gridIds: z.array(z.number({ error: '网格无效' }).int('网格无效').positive('网格无效').max(MAX_ID, '网格无效'), { error: '网格应为列表' }).max(10, '网格最多10个').default([]),
    teamId: z.number({ error: '志愿队无效' }).int('志愿队无效').positive('志愿队无效').max(MAX_ID, '志愿队无效').nullable().default(null),
    leader: z.boolean({ error: '队长应为是或否' }).default(false),
    workPhone: z
      .string({ error: '工作电话应为文字' })
      .trim()
      .transform((s) => s.replace(/[\s]/g, ''))
      .pipe(z.string().regex(WORK_PHONE_RE, '工作电话应为手机号或带区号的座机号，如 0516-83861234'))
      .nullable()
      .default(null),
  })
  .superRefine((v, ctx) => {
    if (v.roles.includes('grid_worker') && v.gridIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['gridIds'], message: '网格员至少负责一个网格' })
    }
    if (v.roles.includes('grid_worker') && !v.workPhone) {
      ctx.addIssue({ code: 'custom', path: ['workPhone'], message: '网格员请填写工作电话，方便居民联系' })
    }
    if (v.roles.includes('volunteer') && v.teamId === null) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: '志愿者请选择所属志愿队' })
    }
  })

export const peopleActions = defineDomain('people', {
  search: query<Page<PersonOut>>()({
    input: z.object({
      q: z.string({ error: '搜索内容应为文字' }).trim().max(20, '搜索内容不能超过20个字').default(''),
      role: z.enum(['resident', 'grid_worker', 'volunteer', 'driver', 'staff', 'admin'], { error: '角色无效' }).optional(),
      ...pageInput,
    }),
    access: STAFF_ROLES,
  }),
  get: query<PersonOut>()({
    input: z.object({ userId: z.number({ error: '请选择人员' }).int('人员编号无效').positive('人员编号无效').max(MAX_ID, '人员编号无效') }),
    access: STAFF_ROLES,
  }),
  assign: mutation<PersonOut>()({ input: assignInput, access: ['admin'] }),
  accessLog: query<Page<AccessOut>>()({ input: z.object(pageInput), access: ['admin'] }),
})

import { z } from 'zod'
import { defineDomain, MAX_ID, mutation, query, type Role, userText } from '../../../common/contract'
import { mobile, personName } from '../../../common/personal'

export interface HouseholdOut {
  buildingId: number
  buildingName: string
  unit: number
  room: string
  gridId: number
  gridName: string
}

export interface Me {
  id: number
  name: string | null
  /** The owner's own number, in full: this is the one place it is shown unmasked. */
  phone: string | null
  roles: Role[]
  household: HouseholdOut | null
  elderMode: boolean
  /** Only when the person gave it (for an event open to an age band). */
  birthYear: number | null
  consent: { required: string; accepted: string | null; acceptedAt: string | null }
  gridIds: number[]
  team: { id: number; name: string; leader: boolean } | null
}

export interface GridWorkerOut {
  name: string
  phone: string | null
}

export interface MyGrid {
  grid: { id: number; code: string; name: string; area: string }
  household: HouseholdOut
  workers: GridWorkerOut[]
  hotline: string
}

export const profileInput = z.object({
  name: personName(),
  phone: mobile(),
  buildingId: z.number({ error: '请选择楼栋' }).int('请选择楼栋').positive('请选择楼栋').max(MAX_ID, '请选择楼栋'),
  unit: z.number({ error: '请选择单元' }).int('请选择单元').min(1, '请选择单元').max(20, '单元号无效'),
  room: z
    .string({ error: '请选择房号' })
    .trim()
    // No leading zero: '0301' and '301' would otherwise make two households for one flat.
    .regex(/^[1-9]\d{2,3}$/, '房号应为3到4位数字，如 301'),
})
export type ProfileInput = z.input<typeof profileInput>

/** How a companion is related to the resident keeping them, as the chips offer it. */
export const RELATIONS = ['配偶', '父母', '子女', '孙辈', '兄弟姐妹', '其他亲属', '邻居', '朋友'] as const
export const MAX_COMPANIONS = 12

export interface CompanionOut {
  id: number
  name: string
  relation: string
  /** The owner's own record: the number in full, as typed. */
  phone: string | null
  phoneMasked: string | null
}

export const companionInput = z.object({
  id: z.number({ error: '常用乘车人无效' }).int().positive().max(MAX_ID, '常用乘车人无效').optional(),
  name: personName('姓名'),
  relation: z.enum(RELATIONS, { error: '请选择与您的关系' }),
  phone: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), mobile('手机号').optional()),
})

export const DELETE_CONFIRMATION = '确认注销'

export const accountActions = defineDomain('account', {
  me: query<Me>()({ input: z.object({}), access: 'user', beforeConsent: true }),
  consent: mutation<Me>()({
    input: z.object({ version: z.string({ error: '缺少隐私指引版本' }).min(1, '缺少隐私指引版本').max(32, '隐私指引版本无效') }),
    access: 'user',
    beforeConsent: true,
  }),
  register: mutation<Me>()({ input: profileInput, access: 'user', content: { name: userText('姓名', 'profile') } }),
  updateProfile: mutation<Me>()({ input: profileInput, access: 'user', content: { name: userText('姓名', 'profile') } }),
  /** Asked by an event open to an age band; null clears it. */
  setBirthYear: mutation<Me>()({
    input: z.object({
      birthYear: z.number({ error: '请填写出生年份' }).int('出生年份应为四位数字，如 1958').min(1900, '出生年份应在1900年之后').max(2026, '出生年份不能晚于今年').nullable(),
    }),
    access: ['resident'],
  }),
  setElderMode: mutation<Me>()({ input: z.object({ enabled: z.boolean({ error: '长辈版开关应为是或否' }) }), access: 'user' }),
  myGrid: query<MyGrid>()({ input: z.object({}), access: ['resident'] }),
  /** 常用乘车人 (account/companions.ts). */
  companions: query<CompanionOut[]>()({ input: z.object({}), access: ['resident'] }),
  saveCompanion: mutation<CompanionOut[]>()({ input: companionInput, access: ['resident'], content: { name: userText('姓名', 'profile') } }),
  removeCompanion: mutation<CompanionOut[]>()({
    input: z.object({ id: z.number({ error: '常用乘车人无效' }).int().positive().max(MAX_ID, '常用乘车人无效') }),
    access: ['resident'],
  }),
  exportData: query<Record<string, unknown>>()({ input: z.object({}), access: 'user', beforeConsent: true }),
  deleteAccount: mutation<null>()({
    input: z.object({
      confirm: z.literal(DELETE_CONFIRMATION, { error: `请输入“${DELETE_CONFIRMATION}”以确认注销` }),
    }),
    access: 'user',
    beforeConsent: true,
  }),
})

import { z } from 'zod'

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
  hasMore: boolean
}

/** Paging fields every list action accepts. */
export const pageInput = {
  page: z.number({ error: '页码应为数字' }).int('页码应为整数').min(1, '页码从1开始').max(1000, '页码过大').default(1),
  pageSize: z.number({ error: '每页条数应为数字' }).int('每页条数应为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(10),
}

/** One page of a list that holds `total` items in all. */
export function toPage<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, pageSize, hasMore: page * pageSize < total }
}

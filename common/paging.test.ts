import { z } from 'zod'
import { pageInput, toPage } from './paging'

describe('pageInput', () => {
  const schema = z.object(pageInput)

  test('defaults to the first page of ten', () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 10 })
  })

  test.each([
    [{ page: 0 }, 'page', '页码从1开始'],
    [{ page: 1.5 }, 'page', '页码应为整数'],
    [{ page: '1' }, 'page', '页码应为数字'],
    [{ page: 1001 }, 'page', '页码过大'],
    [{ pageSize: 0 }, 'pageSize', '每页至少1条'],
    [{ pageSize: 51 }, 'pageSize', '每页最多50条'],
  ])('%p → %s: %s', (input, field, message) => {
    const res = schema.safeParse(input)
    expect(res.success).toBe(false)
    expect(res.error?.issues[0]).toMatchObject({ path: [field], message })
  })
})

describe('toPage', () => {
  test('has more while items lie beyond this page', () => {
    expect(toPage(['a', 'b'], 5, 2, 2)).toEqual({ items: ['a', 'b'], total: 5, page: 2, pageSize: 2, hasMore: true })
    expect(toPage(['e'], 5, 3, 2).hasMore).toBe(false)
    expect(toPage(['c', 'd'], 4, 2, 2).hasMore).toBe(false)
    expect(toPage([], 0, 1, 10).hasMore).toBe(false)
  })
})

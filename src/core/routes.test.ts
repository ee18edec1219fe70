import { linkTo, textParam } from './routes'

test('a query text reads the same whether Taro gave it decoded, as the address had it, or encoded twice', () => {
  const url = linkTo('apptBook', { serviceId: 4, forName: '李桂芳' })
  const raw = new URL(`http://x${url}`).search.match(/forName=([^&]*)/)![1]!
  expect([textParam('李桂芳'), textParam(raw), textParam(encodeURIComponent(raw))]).toEqual(['李桂芳', '李桂芳', '李桂芳'])
  expect([textParam(undefined), textParam(''), textParam('G1234')]).toEqual([undefined, undefined, 'G1234'])
  // A malformed escape is left as it is rather than throwing.
  expect(textParam('100%E6')).toBe('100%E6')
})

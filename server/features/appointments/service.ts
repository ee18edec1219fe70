// 办事预约, by use case: what residents see before booking (catalog), the booking itself (booking), the window's
// day (desk), plans and closures (plans), the scheduled sweep (sweep) and a resident's data (personal). Who may do
// what to a booking is rules.ts; who is asking is access.ts; how it looks is present.ts.
export * from './catalog'
export * from './booking'
export * from './desk'
export * from './plans'
export * from './sweep'
export * from './personal'
export { detailLink } from './present'

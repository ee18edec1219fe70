// The features that show up on 首页 and in 我的, one line each; read it as a list with Object.values. A feature
// declares its tiles and cells in its own entries.ts, with their order and who sees them.
export { default as announcements } from './announcements/entries'
export { default as appointments } from './appointments/entries'
export { default as events } from './events/entries'
export { default as hotline } from './hotline/entries'
export { default as messages } from './messages/entries'
export { default as moderation } from './moderation/entries'
export { default as people } from './people/entries'
export { default as shuttle } from './shuttle/entries'
export { default as volunteer } from './volunteer/entries'

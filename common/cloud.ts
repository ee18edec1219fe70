// The mini-program's one cloud function. Every call goes to it as { domain, action, data, idempotencyKey } and it
// routes by domain to the same pipeline as POST /api/<domain> (server/cloud/adapter.ts); the timer trigger runs
// on it too. npm run build:cloud writes it to cloudfunctions/<this name>/.
export const CLOUD_FUNCTION = 'api'

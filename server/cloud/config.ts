// The cloud function's config.json, in WeChat's format: how long an invocation may run, the server APIs it may
// call through cloud.openapi, and the timer trigger. build:cloud writes it beside index.js; uploading the function
// with its configuration (scripts/deploy-cloud.ts, or DevTools' 上传触发器) applies it.
import { TIMER } from './schedule'

/**
 * WeChat's default is 3 s. A cold start loads the bundle, connects to PostgreSQL and checks the schema before it
 * answers, and the timer's round of sweeps and deliveries runs longer than a request: 20 s leaves room for both.
 */
export const FUNCTION_TIMEOUT_SECONDS = 20

/**
 * cloud.openapi calls, each allowed only when listed: subscribe messages (delivery), and WeChat's content
 * security checks of what people write (security.msgSecCheck) and upload (security.mediaCheckAsync).
 */
export const OPENAPI_PERMISSIONS = ['subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync'] as const

export function cloudFunctionConfig() {
  return {
    timeout: FUNCTION_TIMEOUT_SECONDS,
    permissions: { openapi: [...OPENAPI_PERMISSIONS] },
    triggers: [{ name: TIMER.trigger, type: 'timer' as const, config: TIMER.cron }],
  }
}

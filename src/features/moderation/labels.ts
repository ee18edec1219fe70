import type { PhotoReviewState } from '@server/features/moderation/actions'

/** What a photo's check stands at, in staff's words, and the tone of its tag. */
export const REVIEW_LABELS: Record<PhotoReviewState, { text: string; tone: 'ok' | 'warn' | 'quiet' | 'alert' }> = {
  pending: { text: '微信审核中', tone: 'warn' },
  review: { text: '微信判定可疑', tone: 'warn' },
  risky: { text: '未通过审核', tone: 'alert' },
  pass: { text: '已通过', tone: 'ok' },
  released: { text: '工作人员放行', tone: 'ok' },
  none: { text: '未检测', tone: 'quiet' },
}

import { Text } from '@tarojs/components'
import type { BookingSummary } from '@server/features/appointments/actions'
import { OUTCOME_LABELS, STATUS_LABELS } from '../labels'
import './status-tag.scss'

/** The booking's state as one tag; a slot the plan dropped and a ticket's outcome say so instead. */
export function StatusTag({ b }: { b: Pick<BookingSummary, 'status' | 'displaced' | 'ticketOutcome'> }) {
  if (b.displaced) return <Text className='tag appt-tag appt-tag--displaced'>时段有变动</Text>
  if (b.ticketOutcome && b.status !== 'cancelled') return <Text className={`tag appt-tag appt-tag--${b.ticketOutcome}`}>{OUTCOME_LABELS[b.ticketOutcome]}</Text>
  return <Text className={`tag appt-tag appt-tag--${b.status}`}>{STATUS_LABELS[b.status]}</Text>
}

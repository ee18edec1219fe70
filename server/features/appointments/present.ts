// How bookings and services look to the people who see them: summaries for lists, the detail with what the
// caller may do (from rules.ts), who booked it (代办), and the texts notices quote.
import { maskPhone } from '../../../common/mask'
import { addressText } from '../../../common/address'
import { formatWhen } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { notFound } from '../../core/errors'
import type { BookerRole } from '../../db/schema'
import type { BookingDetail, BookingSummary, ServiceOut } from './actions'
import type { Row } from './access'
import * as repo from './repo'
import { abilities, changeUntil, type Caller, type Facts } from './rules'
import { linkTo } from '../../../common/routes'

export const detailLink = (id: number) => linkTo('apptDetail', { id })

/** 12月1日（周二）09:00 */
export const when = formatWhen

export function toService(r: repo.ServiceRow): ServiceOut {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    checklist: JSON.parse(r.checklist) as string[],
    kind: r.kind,
    notice: r.notice,
    durationMinutes: r.duration_minutes,
    places: r.places,
    bookAheadDays: r.book_ahead_days,
    minNoticeMinutes: r.min_notice_minutes,
    cancelCutoffMinutes: r.cancel_cutoff_minutes,
    active: r.active === 1,
  }
}

export const BOOKER: Record<BookerRole, (name: string | null) => string> = {
  resident: () => '',
  grid_worker: (name) => `网格员 ${name ?? ''}`.trim(),
  staff: () => '社区工作人员',
}

export function bookedByOf(r: Pick<Row, 'bookedByRole' | 'bookedByName' | 'bookedById' | 'residentId'>): string | null {
  if (r.bookedByRole === 'resident' || r.bookedById === r.residentId) return null
  return `${BOOKER[r.bookedByRole](r.bookedByName)}代办`
}

/** What rules.ts decides on. */
export const factsOf = (r: Row): Facts => ({
  status: r.status,
  kind: r.kind,
  code: r.code,
  residentId: r.residentId,
  bookedById: r.bookedById,
  day: r.day,
  startsAt: r.startsAt,
  cancelCutoffMinutes: r.cancelCutoffMinutes,
  displacedAt: r.displacedAt,
  checkedInAt: r.checkedInAt,
})

export function toSummary(r: Row): BookingSummary {
  return {
    id: r.id,
    code: r.code,
    serviceId: r.serviceId,
    serviceName: r.serviceName,
    kind: r.kind,
    day: r.day,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    displaced: r.displacedAt !== null && (r.status === 'booked' || r.status === 'checked_in'),
    bookedBy: bookedByOf(r),
    ticketOutcome: r.ticketOutcome,
  }
}

export async function detail(ctx: AuthedCtx, caller: Caller, id: number): Promise<BookingDetail> {
  const { db } = ctx
  const row = await repo.bookingById(db, id)
  if (!row) throw notFound('没有找到该预约')
  const [trip, person] = await Promise.all([repo.tripOf(db, id), caller.staff || row.bookedById === caller.userId ? repo.personOf(db, row.residentId) : undefined])
  const showPerson = person && person.deletedAt === null && row.residentId !== caller.userId
  const can = abilities(caller, factsOf(row), ctx.clock())
  return {
    ...toSummary(row),
    checklist: JSON.parse(row.checklist) as string[],
    notice: row.notice,
    resident: showPerson
      ? {
          name: person.name ?? '居民',
          phone: maskPhone(person.phone),
          address: addressText(person),
        }
      : null,
    trip: trip
      ? {
          travelDate: trip.trip.travel_date,
          from: trip.trip.from_station,
          to: trip.trip.to_station,
          preference: trip.trip.preference,
          passengers: trip.passengers.map((p) => ({ id: p.id, name: p.name, idCard: p.id_card_masked, purged: p.id_card_sealed === null })),
          outcome: trip.trip.outcome,
          outcomeText: trip.trip.outcome_text,
          outcomeAt: trip.trip.outcome_at,
        }
      : null,
    createdAt: row.createdAt,
    checkedInAt: row.checkedInAt,
    finishedAt: row.finishedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    changeUntil: changeUntil(row).toISOString(),
    can: {
      cancel: can.cancel,
      reschedule: can.reschedule,
      checkIn: can.checkIn,
      finish: can.done,
      noShow: can.noShow,
      recordTicket: can.recordTicket,
      revealIdCard: can.revealIdCard,
    },
  }
}

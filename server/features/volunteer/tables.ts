// 志愿服务: applications to join a 红石榴 team, the qualifications a volunteer holds, shifts with places on the shared
// capacity mechanism (server/core/capacity.ts), who holds a place on a shift, the hours checked in with every
// correction kept beside the original, leaders' approvals after no-shows, and certificates of service.
import type { Generated, Selectable } from 'kysely'
import { declareTables, type Flag, type Instant } from '../../db/tables'

export type ApplicationState = 'pending' | 'accepted' | 'declined' | 'withdrawn'
export type ShiftState = 'published' | 'cancelled'
/** signed: holds a place · released: signed out (by themselves or a leader) · no_show · cancelled with the shift. */
export type ShiftSignupState = 'signed' | 'released' | 'no_show' | 'cancelled'
export type CheckVia = 'leader' | 'scan' | 'sweep'
export type CertificateState = 'requested' | 'issued' | 'declined'

export interface VolunteerApplicationTable {
  id: Generated<number>
  user_id: number
  team_id: number
  note: string | null
  state: ApplicationState
  decided_by: number | null
  decided_at: Instant | null
  decline_reason: string | null
  created_at: Instant
}

export interface VolunteerQualificationTable {
  id: Generated<number>
  user_id: number
  kind: string
  /** The last day it is valid, Beijing time (2027-06-30); null when it does not expire. */
  expires_on: string | null
  recorded_by: number
  recorded_at: Instant
}

export interface VolunteerShiftTable {
  id: Generated<number>
  team_id: number
  /** The event the shift serves, whose page then lists it. */
  event_id: number | null
  task: string
  place: string
  starts_at: Instant
  ends_at: Instant
  places: number
  qualification: string | null
  /** Volunteers may sign out themselves until this many hours before the start. */
  release_hours: number
  /** Members of every team may sign up, not only the shift's own. */
  open_to_all: Flag
  state: ShiftState
  unit_id: number
  /** What the shift's QR carries: volunteers scan it at the place to check themselves in and out. */
  check_code: string
  cancel_reason: string | null
  created_by: number
  created_at: Instant
  updated_at: Instant
}

export interface ShiftSignupTable {
  id: Generated<number>
  shift_id: number
  user_id: number
  /** The volunteer's own code for this shift, which a leader scans. */
  code: string
  state: ShiftSignupState
  /** The shift's times, copied so a person's overlapping holdings are one indexed query. */
  starts_at: Instant
  ends_at: Instant
  released_by: number | null
  released_at: Instant | null
  reminded_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

export interface VolunteerHoursTable {
  id: Generated<number>
  signup_id: number
  user_id: number
  shift_id: number
  team_id: number
  checked_in_at: Instant
  checked_out_at: Instant | null
  in_via: CheckVia
  out_via: CheckVia | null
  in_by: number | null
  out_by: number | null
  /** Minutes checked in within the shift's bounds; null until checked out. */
  minutes: number | null
  created_at: Instant
}

/** A leader's correction of an hours record; the newest one counts, the original row is never changed. */
export interface VolunteerHourCorrectionTable {
  id: Generated<number>
  hours_id: number
  checked_in_at: Instant
  checked_out_at: Instant
  minutes: number
  reason: string
  by_id: number
  at: Instant
}

/** A leader lets a volunteer sign up again after no-shows; no-shows before it no longer count. */
export interface VolunteerClearanceTable {
  id: Generated<number>
  user_id: number
  by_id: number
  at: Instant
}

export interface VolunteerCertificateTable {
  id: Generated<number>
  /** Given when issued: GDZY-2026-0001. */
  number: string | null
  user_id: number
  from_day: string
  to_day: string
  purpose: string | null
  /** The ID number the volunteer gave for it, masked; the full number is never stored. */
  id_masked: string | null
  /** What the certificate says, fixed when issued (JSON, CertificateOut['content']). */
  content: string | null
  state: CertificateState
  requested_at: Instant
  decided_by: number | null
  decided_at: Instant | null
  decline_reason: string | null
}

export interface VolunteerTables {
  volunteer_applications: VolunteerApplicationTable
  volunteer_qualifications: VolunteerQualificationTable
  volunteer_shifts: VolunteerShiftTable
  shift_signups: ShiftSignupTable
  volunteer_hours: VolunteerHoursTable
  volunteer_hour_corrections: VolunteerHourCorrectionTable
  volunteer_clearances: VolunteerClearanceTable
  volunteer_certificates: VolunteerCertificateTable
}

export type ApplicationRow = Selectable<VolunteerApplicationTable>
export type QualificationRow = Selectable<VolunteerQualificationTable>
export type ShiftRow = Selectable<VolunteerShiftTable>
export type ShiftSignupRow = Selectable<ShiftSignupTable>
export type HoursRow = Selectable<VolunteerHoursTable>
export type CorrectionRow = Selectable<VolunteerHourCorrectionTable>
export type CertificateRow = Selectable<VolunteerCertificateTable>

export const volunteerTables = declareTables<VolunteerTables>({
  volunteer_applications: {
    id: 'not null',
    user_id: 'not null',
    team_id: 'not null',
    note: 'null',
    state: 'not null',
    decided_by: 'null',
    decided_at: 'null',
    decline_reason: 'null',
    created_at: 'not null',
  },
  volunteer_qualifications: { id: 'not null', user_id: 'not null', kind: 'not null', expires_on: 'null', recorded_by: 'not null', recorded_at: 'not null' },
  volunteer_shifts: {
    id: 'not null',
    team_id: 'not null',
    event_id: 'null',
    task: 'not null',
    place: 'not null',
    starts_at: 'not null',
    ends_at: 'not null',
    places: 'not null',
    qualification: 'null',
    release_hours: 'not null',
    open_to_all: 'not null',
    state: 'not null',
    unit_id: 'not null',
    check_code: 'not null',
    cancel_reason: 'null',
    created_by: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  shift_signups: {
    id: 'not null',
    shift_id: 'not null',
    user_id: 'not null',
    code: 'not null',
    state: 'not null',
    starts_at: 'not null',
    ends_at: 'not null',
    released_by: 'null',
    released_at: 'null',
    reminded_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  volunteer_hours: {
    id: 'not null',
    signup_id: 'not null',
    user_id: 'not null',
    shift_id: 'not null',
    team_id: 'not null',
    checked_in_at: 'not null',
    checked_out_at: 'null',
    in_via: 'not null',
    out_via: 'null',
    in_by: 'null',
    out_by: 'null',
    minutes: 'null',
    created_at: 'not null',
  },
  volunteer_hour_corrections: { id: 'not null', hours_id: 'not null', checked_in_at: 'not null', checked_out_at: 'not null', minutes: 'not null', reason: 'not null', by_id: 'not null', at: 'not null' },
  volunteer_clearances: { id: 'not null', user_id: 'not null', by_id: 'not null', at: 'not null' },
  volunteer_certificates: {
    id: 'not null',
    number: 'null',
    user_id: 'not null',
    from_day: 'not null',
    to_day: 'not null',
    purpose: 'null',
    id_masked: 'null',
    content: 'null',
    state: 'not null',
    requested_at: 'not null',
    decided_by: 'null',
    decided_at: 'null',
    decline_reason: 'null',
  },
})

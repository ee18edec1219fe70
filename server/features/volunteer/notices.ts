// 志愿服务's notices (消息中心 and subscribe messages) and the payload each carries.
export interface VolunteerNotices {
  /** A leader accepted or declined an application to join a team. */
  volunteer_application: { applicationId: number; team: string; accepted: boolean; reason: string | null }
  /** An hour before a shift. */
  volunteer_shift_reminder: { shiftId: number; signupId: number; task: string; place: string; startsAt: string; code: string }
  /** The shift was cancelled, or a leader signed the volunteer out of it. */
  volunteer_shift_changed: { shiftId: number; signupId: number; task: string; startsAt: string; change: 'cancelled' | 'released'; note: string | null }
  /** Staff issued or declined a certificate of service. */
  volunteer_certificate: { certificateId: number; number: string | null; issued: boolean; reason: string | null }
}

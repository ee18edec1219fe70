// The subscribe-message templates features send, each with the payload it carries. The future WeChat sender
// maps a template to its template id and formats the payload for WeChat's field limits; typing them here keeps
// a feature from sending a payload its template does not expect.
import type { AppointmentNotices } from '../appointments/notices'
import type { EventNotices } from '../events/notices'
import type { HotlineNotices } from '../hotline/notices'
import type { ShuttleNotices } from '../shuttle/notices'
import type { VolunteerNotices } from '../volunteer/notices'

/** Every feature's notices, each declared beside its feature (`notices.ts`): one line per feature. */
export interface NoticeTemplates extends HotlineNotices, AppointmentNotices, ShuttleNotices, EventNotices, VolunteerNotices {}

export type NoticeTemplate = keyof NoticeTemplates

/** A template together with a payload that fits it. */
export type TemplatedPayload = { [K in NoticeTemplate]: { template: K; payload: NoticeTemplates[K] } }[NoticeTemplate]

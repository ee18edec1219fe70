import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../column-types'

/**
 * The community's service windows as they open when the app first runs; staff change them afterwards.
 * Kept here rather than imported from elsewhere: a migration must keep doing what it did when it shipped.
 */
const SERVICES = [
  {
    name: '身份证/居住证办理协助',
    description: '协助办理身份证换领、补领，居住证申领与签注，现场拍照采集。',
    checklist: ['户口簿原件', '旧身份证（换领时）', '一寸白底照片（居住证）', '租房合同或房产证明（居住证）'],
    kind: 'general',
    notice: null,
    duration: 20,
    places: 2,
    hours: [1, 2, 3, 4, 5].flatMap((d) => [[d, '09:00', '11:40'], [d, '14:30', '17:00']]),
  },
  {
    name: '社保卡业务',
    description: '社保卡申领、挂失补换、激活与信息变更，养老认证协助。',
    checklist: ['身份证原件', '社保卡（补换、激活时）', '一寸白底照片（首次申领）'],
    kind: 'general',
    notice: null,
    duration: 20,
    places: 1,
    hours: [1, 2, 3, 4, 5].flatMap((d) => [[d, '09:00', '11:40'], [d, '14:30', '17:00']]),
  },
  {
    name: '火车票/飞机票代购',
    description: '为老年人和不便网上购票的居民代购火车票、飞机票。请填写出行日期、线路和乘车人。',
    checklist: ['乘车人身份证原件', '购票款（现金或微信）', '常用手机号'],
    kind: 'ticket',
    notice: null,
    duration: 15,
    places: 1,
    hours: [1, 2, 3, 4, 5, 6].map((d) => [d, '09:00', '11:30']).concat([1, 2, 3, 4, 5].map((d) => [d, '14:30', '16:30'])),
  },
  {
    name: '免费体检',
    description: '社区医疗服务中心免费体检：血压、血糖、心电图、血常规等，65岁以上老人可做年度健康评估。',
    checklist: ['身份证或社保卡', '既往病历和在服药物清单', '体检当天早晨空腹（不吃早饭、可少量饮水）'],
    kind: 'general',
    notice: '仅上午 · 需空腹',
    duration: 30,
    places: 3,
    hours: [2, 4, 6].map((d) => [d, '07:30', '10:00']),
  },
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)

  // Rules of the service windows, kept by staff beside the hotline's service levels.
  await db.schema.alterTable('community').addColumn('no_show_limit', 'integer', (c) => c.notNull().defaultTo(3)).execute()
  await db.schema.alterTable('community').addColumn('no_show_window_days', 'integer', (c) => c.notNull().defaultTo(90)).execute()
  await db.schema.alterTable('community').addColumn('no_show_block_days', 'integer', (c) => c.notNull().defaultTo(30)).execute()
  await db.schema.alterTable('community').addColumn('id_purge_days', 'integer', (c) => c.notNull().defaultTo(7)).execute()

  // The shared capacity ledger: one row per thing with places (an appointment slot, a departure, an event, a
  // shift). `taken` only moves through the conditional update in server/core/capacity.ts. No CHECK ties it to
  // `places`: staff may lower places below what is already taken, and those bookings keep their place.
  await db.schema
    .createTable('capacity_units')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('places', 'integer', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0).check(sql`taken >= 0`))
    .addUniqueConstraint('capacity_units_ref', ['scope', 'ref'])
    .execute()

  await db.schema
    .createTable('appt_services')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    /** JSON array of strings: what to bring. */
    .addColumn('checklist', 'text', (c) => c.notNull())
    // 'ticket' bookings carry a trip with passengers.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('notice', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('places', 'integer', (c) => c.notNull())
    .addColumn('book_ahead_days', 'integer', (c) => c.notNull())
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull())
    .addColumn('cancel_cutoff_minutes', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('appt_hours')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('appt_services.id').onDelete('cascade'))
    // ISO weekday in Beijing time: 1 Monday … 7 Sunday.
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('starts', 'text', (c) => c.notNull())
    .addColumn('ends', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('appt_hours_service').on('appt_hours').columns(['service_id', 'weekday']).execute()

  await db.schema
    .createTable('appt_closures')
    .addColumn('id', t.id, (c) => c.primaryKey())
    // Null closes every service (a public holiday).
    .addColumn('service_id', 'integer', (c) => c.references('appt_services.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    // Null starts/ends: the whole day.
    .addColumn('starts', 'text')
    .addColumn('ends', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('appt_closures_day').on('appt_closures').columns(['day', 'service_id']).execute()

  await db.schema
    .createTable('appt_bookings')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('appt_services.id'))
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('users.id'))
    // Who made it: the resident, or a grid worker or staff member booking on the resident's behalf (代办).
    .addColumn('booked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('booked_by_role', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('capacity_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // Set when a change of plan removed the slot; staff see it in the list of bookings to handle.
    .addColumn('displaced_at', t.instant)
    .addColumn('cancel_reason', 'text')
    .addColumn('cancelled_by_role', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('cancelled_at', t.instant)
    .addColumn('checked_in_at', t.instant)
    .addColumn('finished_at', t.instant)
    .addColumn('reminded_at', t.instant)
    .execute()
  // One live booking per resident, service and day: the database settles two taps racing past the check.
  await sql`create unique index appt_bookings_one_a_day on appt_bookings (service_id, resident_id, day) where status in ('booked', 'checked_in')`.execute(db)
  await db.schema.createIndex('appt_bookings_day').on('appt_bookings').columns(['day', 'service_id', 'starts_at']).execute()
  await db.schema.createIndex('appt_bookings_resident').on('appt_bookings').columns(['resident_id', 'starts_at']).execute()
  await db.schema.createIndex('appt_bookings_status').on('appt_bookings').columns(['status', 'starts_at']).execute()

  await db.schema
    .createTable('appt_trips')
    .addColumn('booking_id', 'integer', (c) => c.primaryKey().references('appt_bookings.id').onDelete('cascade'))
    .addColumn('travel_date', 'text', (c) => c.notNull())
    .addColumn('from_station', 'text', (c) => c.notNull())
    .addColumn('to_station', 'text', (c) => c.notNull())
    .addColumn('preference', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_text', 'text')
    .addColumn('outcome_at', t.instant)
    .addColumn('outcome_by', 'integer', (c) => c.references('users.id'))
    // After this Beijing-time day the passengers' ID numbers are erased by the sweep.
    .addColumn('purge_after', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('appt_trips_purge').on('appt_trips').column('purge_after').execute()

  await db.schema
    .createTable('appt_passengers')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('booking_id', 'integer', (c) => c.notNull().references('appt_bookings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Sealed (server/core/sealed.ts) while needed, null once purged; the masked form stays for the record.
    .addColumn('id_card_sealed', 'text')
    .addColumn('id_card_masked', 'text', (c) => c.notNull())
    .addColumn('purged_at', t.instant)
    .execute()
  await db.schema.createIndex('appt_passengers_booking').on('appt_passengers').columns(['booking_id', 'position']).execute()

  // Ticket assistance collects passengers' ID-card numbers, a purpose the earlier notice did not name: a database
  // that already has people moves to the notice that does, and everyone is asked to agree again on next use.
  await sql`update community set privacy_version = '2026-11-28'`.execute(db)

  const now = new Date().toISOString()
  for (const [i, s] of SERVICES.entries()) {
    const { rows } = await sql<{ id: number }>`
      insert into appt_services (name, description, checklist, kind, notice, duration_minutes, places, book_ahead_days,
        min_notice_minutes, cancel_cutoff_minutes, active, sort_order, created_at, updated_at)
      values (${s.name}, ${s.description}, ${JSON.stringify(s.checklist)}, ${s.kind}, ${s.notice}, ${s.duration}, ${s.places},
        14, 60, 120, 1, ${i + 1}, ${now}, ${now})
      returning id`.execute(db)
    const serviceId = rows[0]!.id
    for (const [weekday, starts, ends] of s.hours) {
      await sql`insert into appt_hours (service_id, weekday, starts, ends) values (${serviceId}, ${weekday}, ${starts}, ${ends})`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['appt_passengers', 'appt_trips', 'appt_bookings', 'appt_closures', 'appt_hours', 'appt_services', 'capacity_units']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  for (const column of ['id_purge_days', 'no_show_block_days', 'no_show_window_days', 'no_show_limit']) {
    await db.schema.alterTable('community').dropColumn(column).execute()
  }
}

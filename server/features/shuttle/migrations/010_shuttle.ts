import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

// The community's bus as it runs when the app first starts; staff change it afterwards. Map points are the
// waiting places (the east gate, the square, the station's east square bus bays); kept here rather than imported so
// that the migration keeps doing what it did when it shipped.
const EAST_GATE = { name: '管道社区东门', latitude: 34.25312, longitude: 117.21604, wait: '东门保安亭南侧公交港湾，红色站牌处' }
const SQUARE = { name: '红石榴广场', latitude: 34.25185, longitude: 117.21842, wait: '广场北侧便民服务亭旁' }
const STATION = { name: '徐州东站东广场', latitude: 34.21662, longitude: 117.27981, wait: '东广场地面停车场P2入口，“管道社区班车”牌下' }

const ROUTES = [
  {
    name: '管道社区 → 徐州东站',
    direction: 'to_station',
    stops: [
      [EAST_GATE, 0],
      [SQUARE, 5],
      [STATION, 35],
    ],
    departs: ['06:20', '07:10', '08:30', '10:00', '13:30', '15:30', '17:30'],
  },
  {
    name: '徐州东站 → 管道社区',
    direction: 'from_station',
    stops: [
      [STATION, 0],
      [SQUARE, 30],
      [EAST_GATE, 35],
    ],
    departs: ['07:20', '09:10', '11:00', '14:40', '16:40', '18:40', '20:30', '21:50'],
  },
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema
    .createTable('shuttle_routes')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_days_ahead', 'integer', (c) => c.notNull())
    .addColumn('open_time', 'text', (c) => c.notNull())
    .addColumn('close_minutes', 'integer', (c) => c.notNull())
    .addColumn('early_before', 'text')
    .addColumn('early_close_time', 'text', (c) => c.notNull())
    .addColumn('cancel_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('shuttle_stops')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('route_id', 'integer', (c) => c.notNull().references('shuttle_routes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    .addColumn('wait_note', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('shuttle_stops_route').on('shuttle_stops').columns(['route_id', 'position']).execute()

  await db.schema
    .createTable('shuttle_patterns')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('route_id', 'integer', (c) => c.notNull().references('shuttle_routes.id').onDelete('cascade'))
    .addColumn('departs', 'text', (c) => c.notNull())
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('driver_id', 'integer', (c) => c.references('users.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('shuttle_departures')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('route_id', 'integer', (c) => c.notNull().references('shuttle_routes.id'))
    .addColumn('pattern_id', 'integer', (c) => c.references('shuttle_patterns.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('departs_at', t.instant, (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('driver_id', 'integer', (c) => c.references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('capacity_units.id'))
    .addColumn('moved_from', t.instant)
    .addColumn('departed_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()
  // A pattern's run comes into being once per day, however many requests ask for the day at once.
  await db.schema.createIndex('shuttle_departures_run').on('shuttle_departures').columns(['pattern_id', 'day']).unique().execute()
  await db.schema.createIndex('shuttle_departures_day').on('shuttle_departures').columns(['route_id', 'day', 'departs_at']).execute()
  await db.schema.createIndex('shuttle_departures_driver').on('shuttle_departures').columns(['driver_id', 'day']).execute()

  await db.schema
    .createTable('shuttle_bookings')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('departure_id', 'integer', (c) => c.notNull().references('shuttle_departures.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('stop_id', 'integer', (c) => c.notNull().references('shuttle_stops.id'))
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 0`))
    .addColumn('train_no', 'text')
    .addColumn('train_at', t.instant)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('cancelled_at', t.instant)
    .addColumn('from_wait_id', 'integer')
    .addColumn('rebooked_as', 'integer')
    .execute()
  // One live booking per person and departure: two taps racing past the check are settled by the database.
  await sql`create unique index shuttle_bookings_one on shuttle_bookings (departure_id, user_id) where state = 'booked'`.execute(db)
  await db.schema.createIndex('shuttle_bookings_user').on('shuttle_bookings').columns(['user_id', 'state']).execute()
  await db.schema.createIndex('shuttle_bookings_departure').on('shuttle_bookings').columns(['departure_id', 'state']).execute()

  await db.schema
    .createTable('shuttle_riders')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('booking_id', 'integer', (c) => c.notNull().references('shuttle_bookings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('companion_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', t.instant)
    .addColumn('checked_in_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema.createIndex('shuttle_riders_booking').on('shuttle_riders').columns(['booking_id', 'position']).execute()

  await db.schema
    .createTable('shuttle_waits')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('waiter_id', 'integer', (c) => c.notNull().unique().references('capacity_waiters.id'))
    .addColumn('departure_id', 'integer', (c) => c.notNull().references('shuttle_departures.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('stop_id', 'integer', (c) => c.notNull().references('shuttle_stops.id'))
    .addColumn('train_no', 'text')
    .addColumn('train_at', t.instant)
    .addColumn('riders', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('shuttle_waits_user').on('shuttle_waits').columns(['user_id', 'departure_id']).execute()

  const now = new Date().toISOString()
  for (const [i, r] of ROUTES.entries()) {
    const { rows } = await sql<{ id: number }>`
      insert into shuttle_routes (name, direction, active, sort_order, open_days_ahead, open_time, close_minutes, early_before,
        early_close_time, cancel_minutes, updated_at)
      values (${r.name}, ${r.direction}, 1, ${i + 1}, 7, '08:00', 30, '07:30', '18:00', 60, ${now})
      returning id`.execute(db)
    const routeId = rows[0]!.id
    for (const [position, [stop, minutes]] of r.stops.entries()) {
      await sql`insert into shuttle_stops (route_id, position, name, minutes, latitude, longitude, wait_note)
        values (${routeId}, ${position + 1}, ${stop.name}, ${minutes}, ${stop.latitude}, ${stop.longitude}, ${stop.wait})`.execute(db)
    }
    for (const departs of r.departs) {
      await sql`insert into shuttle_patterns (route_id, departs, weekdays, seats, active) values (${routeId}, ${departs}, '1234567', 17, 1)`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['shuttle_waits', 'shuttle_riders', 'shuttle_bookings', 'shuttle_departures', 'shuttle_patterns', 'shuttle_stops', 'shuttle_routes']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}

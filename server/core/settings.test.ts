// Feature settings on both engines: defaults from the schema, partial writes, a stored value the schema refuses,
// and 004_settings carrying over what an earlier version kept on the community row.
import { sql } from 'kysely'
import { migrateToLatest } from '../db/migrate'
import { appointmentSettings } from '../features/appointments/settings'
import { hotlineSettings } from '../features/hotline/settings'
import { engines, startBackend, type TestBackend } from '../testing/harness'

describe.each(engines())('feature settings on %s', (engine) => {
  let t: TestBackend
  beforeAll(async () => {
    t = await startBackend(engine)
  })
  afterAll(() => t?.close())

  const now = '2026-12-01T02:00:00.000Z'

  test('a new database reads the defaults; a write changes only what it names and keeps the rest', async () => {
    expect(await hotlineSettings.read(t.db)).toEqual({ firstResponseHours: 24, autoEscalateHours: 48, reopenDays: 7 })
    expect(await hotlineSettings.write(t.db, { reopenDays: 10 }, now)).toEqual({ firstResponseHours: 24, autoEscalateHours: 48, reopenDays: 10 })
    expect(await hotlineSettings.write(t.db, { firstResponseHours: 12 }, now)).toEqual({ firstResponseHours: 12, autoEscalateHours: 48, reopenDays: 10 })
    // Another feature's settings are a row of their own.
    expect(await appointmentSettings.read(t.db)).toEqual({ noShowLimit: 3, noShowWindowDays: 90, noShowBlockDays: 30, idPurgeDays: 7 })
    const row = await t.db.selectFrom('settings').selectAll().where('feature', '=', 'hotline').executeTakeFirstOrThrow()
    expect([JSON.parse(row.value), row.updated_at]).toEqual([{ firstResponseHours: 12, autoEscalateHours: 48, reopenDays: 10 }, now])
  })

  test('a value the schema refuses is neither written nor read as if it were fine', async () => {
    await expect(hotlineSettings.write(t.db, { reopenDays: 0 }, now)).rejects.toThrow(/settings of hotline/)
    expect((await hotlineSettings.read(t.db)).reopenDays).toBe(10)
    await t.db.updateTable('settings').set({ value: JSON.stringify({ reopenDays: 'soon' }) }).where('feature', '=', 'hotline').execute()
    await expect(hotlineSettings.read(t.db)).rejects.toThrow(/settings of hotline/)
  })

  test('004_settings copies the values the community row held', async () => {
    await t.db.schema.dropTable('settings').execute()
    await t.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '004_settings' as never).execute()
    await sql`update community set first_response_hours = 6, auto_escalate_hours = 30, reopen_days = 5, no_show_limit = 2, no_show_window_days = 60, no_show_block_days = 14, id_purge_days = 3`.execute(t.db)
    expect(await migrateToLatest(t.db as never)).toEqual(['004_settings'])
    expect(await hotlineSettings.read(t.db)).toEqual({ firstResponseHours: 6, autoEscalateHours: 30, reopenDays: 5 })
    expect(await appointmentSettings.read(t.db)).toEqual({ noShowLimit: 2, noShowWindowDays: 60, noShowBlockDays: 14, idPurgeDays: 3 })
    expect(await t.ok('hotline', 'serviceLevels', {}, { token: await consentedStaff() })).toEqual({ firstResponseHours: 6, autoEscalateHours: 30, reopenDays: 5 })
  })

  async function consentedStaff() {
    const token = await t.signIn('staff')
    const info = await t.ok('community', 'info')
    await t.ok('account', 'consent', { version: info.privacyVersion }, { token })
    return token
  }
})

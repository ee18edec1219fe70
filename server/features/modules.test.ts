// The one list of domains: what the migrator, the scheduler and the registry take from it.
import { byDomain, defineModule } from '../core/feature'
import { allMigrations } from '../db/migrate'
import { communityApi } from './community/handlers'
import { moduleList, modules } from './index'

describe('the module list', () => {
  test('keys every module by its domain, in the order listed, and refuses a domain listed twice', () => {
    expect(Object.keys(modules)).toEqual(moduleList.map((m) => m.contract.domain))
    const community = defineModule({ api: communityApi })
    expect(() => byDomain([community, community])).toThrow('domain community is listed twice')
  })

  test('gives the migrator every migration once, in name order, under the names databases have recorded', () => {
    expect(Object.keys(allMigrations())).toEqual(['001_foundation', '002_hotline', '003_appointments', '004_settings', '005_idempotency_fingerprint', '006_capacity', '007_session_seen', '008_trip_consent', '009_companions', '010_shuttle', '011_birth_year', '012_events', '013_volunteer', '014_delivery', '015_shuttle_reminder', '016_moderation'])
    const again = defineModule({ api: communityApi, migrations: { '002_hotline': modules.hotline.migrations['002_hotline'] } })
    expect(() => allMigrations([...moduleList, again])).toThrow('two migrations are named 002_hotline')
  })
})

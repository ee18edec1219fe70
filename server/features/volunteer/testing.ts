// What the volunteer tests share: signed-in demo people (周雨婷 leads 红石榴邻里互助队), a shift input valid on the
// tests' clock (Friday 2026-11-27 10:00 in Beijing), making a resident a member through the real application, and
// running the sweep.
import type { z } from 'zod'
import type { TestBackend } from '../../testing/harness'
import type { shiftInput, ShiftOut } from './actions'

export const PEOPLE = ['resident', 'resident2', 'volunteer', 'gridworker', 'staff', 'admin'] as const
export type Who = (typeof PEOPLE)[number]
export type ShiftInput = z.input<typeof shiftInput>

export async function volunteerWorld(t: TestBackend) {
  const tk = {} as Record<Who, string>
  for (const who of PEOPLE) tk[who] = await t.signIn(who)
  const teams = await t.ok('volunteer', 'teams', {}, { token: tk.resident })
  const teamId = (name: string) => teams.find((x) => x.name === name)!.id
  const neighbours = teamId('红石榴邻里互助队')

  /** Saturday morning 09:00–11:00 at the 便民服务亭, three places. */
  const input = (over: Partial<ShiftInput> = {}): ShiftInput => ({
    teamId: neighbours,
    task: '独居老人入户探访',
    place: '便民服务亭',
    date: '2026-11-28',
    starts: '09:00',
    ends: '11:00',
    places: 3,
    releaseHours: 12,
    ...over,
  })

  const publish = (over: Partial<ShiftInput> = {}, who: Who = 'volunteer'): Promise<ShiftOut> => t.ok('volunteer', 'publish', input(over), { token: tk[who] })

  /** The resident applies to the team and its leader accepts: a member, by the same path a person takes. */
  async function join(who: Who | string = 'resident', team = neighbours, leader: Who = 'volunteer') {
    const token = tk[who as Who] ?? who
    const a = await t.ok('volunteer', 'apply', { teamId: team, note: '退休在家，时间充裕' }, { token })
    await t.ok('volunteer', 'decide', { id: a.id, accept: true }, { token: tk[leader] })
    return token
  }

  const signUp = (token: string, s: { id: number }) => t.call('volunteer', 'signUp', { shiftId: s.id }, { token })
  const messages = async (token: string) => (await t.ok('messages', 'list', {}, { token })).items
  const sweep = () => t.services.modules.find((m) => m.contract.domain === 'volunteer')!.sweep!(t.services)

  return { tk, teams, teamId, neighbours, input, publish, join, signUp, messages, sweep }
}

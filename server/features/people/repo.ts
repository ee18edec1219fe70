// SQL of the people page: finding people by name, phone or building, with their home.
import type { Role } from '../../../common/contract'
import type { Db } from '../../db/connect'
import { contains } from '../../db/text-search'
import { peopleWithHome, PERSON_WITH_HOME } from '../account/repo'

function living(db: Db) {
  return peopleWithHome(db).where('users.deleted_at', 'is', null)
}

export type PersonRow = Awaited<ReturnType<typeof personById>>

export async function personById(db: Db, userId: number) {
  return living(db).select(PERSON_WITH_HOME).where('users.id', '=', userId).executeTakeFirst()
}

export async function search(db: Db, q: string, role: Role | undefined, page: number, pageSize: number) {
  let query = living(db)
  if (q) {
    query = query.where((eb) => eb.or([contains('users.name', q), contains('users.phone', q), contains('buildings.name', q)]))
  }
  if (role) {
    query = query.where('users.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', role))
  }
  // People who never registered nor hold a role are only sign-ins; staff have nothing to do with them.
  query = query.where((eb) =>
    eb.or([eb('users.household_id', 'is not', null), eb('users.id', 'in', db.selectFrom('user_roles').select('user_id'))]),
  )
  const [rows, count] = await Promise.all([
    query.select(PERSON_WITH_HOME).orderBy('users.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

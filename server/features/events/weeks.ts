// The week a resident browses: Monday to Sunday in Beijing time.
import { addDays, atLocal, weekdayOf } from '../../../common/time'

/** The instants a week starts and ends, for any day in it. */
export function weekRange(day: string): { monday: string; from: string; to: string } {
  const monday = addDays(day, 1 - weekdayOf(day))
  return { monday, from: atLocal(monday, '00:00'), to: atLocal(addDays(monday, 7), '00:00') }
}

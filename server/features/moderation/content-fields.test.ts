// Every string a person can send is either declared user-written (checked by WeChat before it is stored) or
// listed here as something else — a code, a date, a phone number, a search — with why. A new text field that is
// neither fails this test, so nothing people write reaches others unchecked by omission.
import { moduleList } from '../index'
import { stringFields } from './string-fields'
import { textsAt } from './text'

/** Strings that are not writing: what they are. */
const NOT_WRITING: Record<string, string> = {
  'auth.signIn:code': 'wx.login code',
  'auth.devSignIn:as': 'demo account key',
  'account.consent:version': 'privacy notice version',
  'account.register:phone': 'phone number',
  'account.register:room': 'room number, checked against the building',
  'account.updateProfile:phone': 'phone number',
  'account.updateProfile:room': 'room number, checked against the building',
  'account.saveCompanion:phone': 'phone number',
  'people.search:q': 'search, never stored',
  'people.assign:workPhone': 'phone number',
  'hotline.board:from': 'date',
  'hotline.board:to': 'date',
  'messages.setAllowed:kind': 'notice kind, one of a list',
  'appointments.slots:day': 'date',
  'appointments.book:start': 'instant',
  'appointments.book:trip.travelDate': 'date',
  'appointments.book:trip.passengers.*.idCard': 'ID number, checked by its checksum',
  'appointments.reschedule:start': 'instant',
  'appointments.gridResidents:q': 'search, never stored',
  'appointments.desk:day': 'date',
  'appointments.byCode:code': 'booking code',
  'appointments.checkIn:code': 'booking code',
  'appointments.saveService:hours.*.starts': 'time of day',
  'appointments.saveService:hours.*.ends': 'time of day',
  'appointments.addClosure:day': 'date',
  'appointments.addClosure:starts': 'time of day',
  'appointments.addClosure:ends': 'time of day',
  'shuttle.departures:day': 'date',
  'shuttle.suggest:trainAt': 'instant',
  'shuttle.book:trainNo': 'train number (G1234)',
  'shuttle.book:trainAt': 'instant',
  'shuttle.wait:trainNo': 'train number (G1234)',
  'shuttle.wait:trainAt': 'instant',
  'shuttle.runs:day': 'date',
  'shuttle.checkIn:code': 'boarding code',
  'shuttle.saveRoute:openTime': 'time of day',
  'shuttle.saveRoute:earlyBefore': 'time of day',
  'shuttle.saveRoute:earlyCloseTime': 'time of day',
  'shuttle.savePattern:departs': 'time of day',
  'shuttle.addRun:day': 'date',
  'shuttle.addRun:departs': 'time of day',
  'shuttle.changeDeparture:departs': 'time of day',
  'events.list:week': 'date',
  'events.save:sessions.*.date': 'date',
  'events.save:sessions.*.starts': 'time of day',
  'events.save:sessions.*.ends': 'time of day',
  'events.save:signupOpens.date': 'date',
  'events.save:signupOpens.time': 'time of day',
  'events.save:signupCloses.date': 'date',
  'events.save:signupCloses.time': 'time of day',
  'events.save:cancelUntil.date': 'date',
  'events.save:cancelUntil.time': 'time of day',
  'events.checkIn:code': 'sign-up code',
  'volunteer.saveQualification:expiresOn': 'date',
  'volunteer.publish:date': 'date',
  'volunteer.publish:starts': 'time of day',
  'volunteer.publish:ends': 'time of day',
  'volunteer.scanVolunteer:code': 'volunteer code',
  'volunteer.scanShift:code': 'shift code',
  'volunteer.teamHours:period.from': 'date',
  'volunteer.teamHours:period.to': 'date',
  'volunteer.correct:checkedIn.date': 'date',
  'volunteer.correct:checkedIn.time': 'time of day',
  'volunteer.correct:checkedOut.date': 'date',
  'volunteer.correct:checkedOut.time': 'time of day',
  'volunteer.exportHours:period.from': 'date',
  'volunteer.exportHours:period.to': 'date',
  'volunteer.requestCertificate:period.from': 'date',
  'volunteer.requestCertificate:period.to': 'date',
  'volunteer.requestCertificate:idNumber': 'ID number, checked by its checksum',
  'volunteer.verify:number': 'certificate number',
}

const actions = moduleList.flatMap((m) => Object.entries(m.contract.actions).map(([name, spec]) => ({ key: `${m.contract.domain}.${name}`, spec })))

test('every string field of every action is declared user-written or named as something else', () => {
  const undeclared: string[] = []
  for (const { key, spec } of actions) {
    for (const field of stringFields(spec.input)) {
      if (!spec.content?.[field] && !NOT_WRITING[`${key}:${field}`]) undeclared.push(`${key}:${field}`)
    }
  }
  expect(undeclared).toEqual([])
})

test('nothing is declared that is not a string field of its action, and no field is both', () => {
  const stale: string[] = []
  for (const { key, spec } of actions) {
    const fields = new Set(stringFields(spec.input))
    for (const field of Object.keys(spec.content ?? {})) if (!fields.has(field) || NOT_WRITING[`${key}:${field}`]) stale.push(`${key}:${field}`)
  }
  for (const entry of Object.keys(NOT_WRITING)) {
    const [key, field] = entry.split(':')
    const spec = actions.find((a) => a.key === key)?.spec
    if (!spec || !stringFields(spec.input).includes(field)) stale.push(entry)
  }
  expect(stale).toEqual([])
})

test('only signed-in people write: no public action takes user-written text (WeChat checks it against the author)', () => {
  expect(actions.filter((a) => a.spec.access === 'public' && a.spec.content).map((a) => a.key)).toEqual([])
})

test('the fields of a path are found in lists and nested objects, and only non-empty strings', () => {
  const input = { trip: { passengers: [{ name: '王芳' }, { name: ' ' }, { name: '李四' }], preference: null }, notes: ['a', 3, 'b'] }
  expect(textsAt(input, 'trip.passengers.*.name')).toEqual([
    { path: 'trip.passengers.0.name', text: '王芳' },
    { path: 'trip.passengers.2.name', text: '李四' },
  ])
  expect(textsAt(input, 'trip.preference')).toEqual([])
  expect(textsAt(input, 'notes.*')).toEqual([
    { path: 'notes.0', text: 'a' },
    { path: 'notes.2', text: 'b' },
  ])
  expect(textsAt(input, 'missing.*.x')).toEqual([])
})

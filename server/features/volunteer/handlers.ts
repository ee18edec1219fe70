import { implement } from '../../core/context'
import { volunteerActions } from './actions'
import * as certificates from './certificates'
import * as checks from './checks'
import { correct, records, teamHours } from './hours'
import * as members from './members'
import { viewerOf } from './present'
import { exportHours } from './sheet'
import { volunteerSettings } from './settings'
import * as shifts from './shifts'

export const volunteerApi = implement(volunteerActions, {
  teams: (_input, ctx) => members.teams(ctx),
  home: (_input, ctx) => members.home(ctx),
  apply: (input, ctx) => members.apply(ctx, input),
  withdraw: (input, ctx) => members.withdraw(ctx, input.id),
  applications: (input, ctx) => members.applications(ctx, input.teamId),
  decide: (input, ctx) => members.decide(ctx, input),
  members: (input, ctx) => members.members(ctx, input.teamId),
  leave: (_input, ctx) => members.leave(ctx),
  saveQualification: (input, ctx) => members.saveQualification(ctx, input),
  removeQualification: (input, ctx) => members.removeQualification(ctx, input.id),
  approve: (input, ctx) => members.approve(ctx, input.userId),
  shifts: (_input, ctx) => shifts.list(ctx),
  teamShifts: (input, ctx) => shifts.teamShifts(ctx, input.teamId),
  forEvent: (input, ctx) => shifts.forEvent(ctx, input.eventId),
  shift: (input, ctx) => shifts.shift(ctx, input.id),
  publish: (input, ctx) => shifts.publish(ctx, input),
  cancelShift: (input, ctx) => shifts.cancelShift(ctx, input.id, input.reason),
  signUp: (input, ctx) => shifts.signUp(ctx, input.shiftId),
  signOut: (input, ctx) => shifts.signOut(ctx, input.id),
  mine: (_input, ctx) => shifts.mine(ctx),
  signup: async (input, ctx) => shifts.signupDetail(ctx, await viewerOf(ctx, ctx.actor), input.id),
  desk: (input, ctx) => checks.desk(ctx, input.shiftId),
  scanVolunteer: (input, ctx) => checks.scanVolunteer(ctx, input.shiftId, input.code),
  scanShift: (input, ctx) => checks.scanShift(ctx, input.code),
  records: (_input, ctx) => records(ctx),
  teamHours: (input, ctx) => teamHours(ctx, input),
  correct: (input, ctx) => correct(ctx, input),
  exportHours: (input, ctx) => exportHours(ctx, input),
  requestCertificate: (input, ctx) => certificates.request(ctx, input),
  certificates: (_input, ctx) => certificates.mine(ctx),
  certificate: (input, ctx) => certificates.one(ctx, input.id),
  certificateDesk: (_input, ctx) => certificates.deskOf(ctx),
  issue: (input, ctx) => certificates.issue(ctx, input.id),
  declineCertificate: (input, ctx) => certificates.decline(ctx, input.id, input.reason),
  verify: (input, ctx) => certificates.verify(ctx, input.number),
  settings: (_input, ctx) => volunteerSettings.read(ctx.db),
  saveSettings: (input, ctx) => volunteerSettings.write(ctx.db, input, ctx.clock().toISOString()),
})

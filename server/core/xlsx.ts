// exceljs, with the zip libraries under it, is most of a megabyte of code, and only the two spreadsheet exports
// (events' desk sheet, volunteer hours) use it. It is loaded when a sheet is first asked for rather than with the
// backend, so starting the backend — a cloud function's cold start above all — does not pay for it; the cloud
// build keeps it in a file of its own beside the function (scripts/build-cloud.ts).
import type * as ExcelJS from 'exceljs'

export async function loadExcel(): Promise<typeof ExcelJS> {
  const mod = await import('exceljs')
  // Node's own import of this CommonJS package gives module.exports as the default export; bundlers and jest
  // also copy its names onto the namespace.
  return (mod as { default?: typeof ExcelJS }).default ?? mod
}

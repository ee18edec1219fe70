// A feature's settings: one row per feature in `settings`, its value JSON read through the feature's zod
// schema. The schema gives the defaults, so a feature that adds a setting needs no migration for it, and a
// stored value the schema no longer accepts fails loudly instead of reaching a rule half-read.
import { z } from 'zod'
import type { Db } from '../db/connect'

export interface FeatureSettings<S extends z.ZodObject> {
  feature: string
  schema: S
  /** The current settings, defaults filled in. */
  read(db: Db): Promise<z.output<S>>
  /** Changes some settings and stores the whole result; refuses a result the schema does not accept. */
  write(db: Db, patch: Partial<z.output<S>>, now: string): Promise<z.output<S>>
}

/** `schema` must give every field a default (`.default(…)`), which is what a new database reads. */
export function defineSettings<S extends z.ZodObject>(feature: string, schema: S): FeatureSettings<S> {
  const parse = (value: unknown): z.output<S> => {
    const res = schema.safeParse(value)
    if (!res.success) throw new Error(`settings of ${feature} do not fit their schema: ${z.prettifyError(res.error)}`)
    return res.data
  }
  async function read(db: Db): Promise<z.output<S>> {
    const row = await db.selectFrom('settings').select('value').where('feature', '=', feature).executeTakeFirst()
    return parse(row ? JSON.parse(row.value) : {})
  }
  return {
    feature,
    schema,
    read,
    async write(db, patch, now) {
      const value = parse({ ...(await read(db)), ...patch })
      const json = JSON.stringify(value)
      await db
        .insertInto('settings')
        .values({ feature, value: json, updated_at: now })
        .onConflict((oc) => oc.column('feature').doUpdateSet({ value: json, updated_at: now }))
        .execute()
      return value
    },
  }
}

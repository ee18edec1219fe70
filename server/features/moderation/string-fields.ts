// The string fields of an action's input, by path (`stops.*.name` inside lists), read from its zod schema: what
// the test of the action tables compares with the fields each action declares as user-written.
import type { z } from 'zod'

interface Def {
  type: string
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  innerType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  options?: z.ZodType[]
  valueType?: z.ZodType
  left?: z.ZodType
  right?: z.ZodType
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def

export function stringFields(schema: z.ZodType, at = ''): string[] {
  const d = defOf(schema)
  const join = (k: string) => (at ? `${at}.${k}` : k)
  switch (d.type) {
    case 'string':
      return [at]
    case 'object':
      return Object.entries(d.shape ?? {}).flatMap(([k, v]) => stringFields(v, join(k)))
    case 'array':
      return stringFields(d.element!, join('*'))
    case 'record':
      return stringFields(d.valueType!, join('*'))
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return stringFields(d.innerType!, at)
    case 'pipe':
      return [...new Set([...stringFields(d.in!, at), ...stringFields(d.out!, at)])]
    case 'union':
      return [...new Set((d.options ?? []).flatMap((o) => stringFields(o, at)))]
    case 'intersection':
      return [...new Set([...stringFields(d.left!, at), ...stringFields(d.right!, at)])]
    default:
      return []
  }
}

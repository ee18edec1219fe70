// WeChat cloud functions run on Node 16 or 18, while some bundled libraries call built-ins that arrived later:
// kysely 0.29 sorts select modifiers with Array.prototype.toSorted and rolls migrations back with toReversed
// (both Node 20) and uses Object.hasOwn and Array.prototype.at; pino 10 creates a
// diagnostics_channel.tracingChannel as it loads (Node 18.19). The cloud bundle imports this module before
// anything else. Each shim is installed only where the runtime lacks the built-in, and does only what those
// callers need.
import diagnostics from 'node:diagnostics_channel'

function provide(target: object, name: string, value: unknown) {
  if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false })
}

type Compare = (a: unknown, b: unknown) => number
type Predicate = (value: unknown, index: number, array: unknown[]) => unknown

provide(Array.prototype, 'toSorted', function toSorted(this: unknown[], compare?: Compare) {
  return Array.prototype.slice.call(this).sort(compare)
})

provide(Array.prototype, 'toReversed', function toReversed(this: unknown[]) {
  return Array.prototype.slice.call(this).reverse()
})

provide(Array.prototype, 'at', function at(this: unknown[], index: number) {
  const i = Math.trunc(index) || 0
  const k = i < 0 ? this.length + i : i
  return k < 0 || k >= this.length ? undefined : this[k]
})

provide(Array.prototype, 'findLastIndex', function findLastIndex(this: unknown[], predicate: Predicate, thisArg?: unknown) {
  for (let i = this.length - 1; i >= 0; i--) if (predicate.call(thisArg, this[i], i, this)) return i
  return -1
})

provide(Array.prototype, 'findLast', function findLast(this: unknown[], predicate: Predicate, thisArg?: unknown) {
  for (let i = this.length - 1; i >= 0; i--) if (predicate.call(thisArg, this[i], i, this)) return this[i]
  return undefined
})

provide(Object, 'hasOwn', (obj: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(obj, key))

type Traced = (...args: unknown[]) => unknown

// A channel nobody can subscribe to: pino only asks whether anyone listens and otherwise calls straight through.
provide(diagnostics, 'tracingChannel', function tracingChannel() {
  const through = (fn: Traced, thisArg: unknown, args: unknown[]) => fn.apply(thisArg, args)
  return {
    hasSubscribers: false,
    subscribe() {},
    unsubscribe() {
      return false
    },
    traceSync: (fn: Traced, _ctx: unknown, thisArg: unknown, ...args: unknown[]) => through(fn, thisArg, args),
    tracePromise: (fn: Traced, _ctx: unknown, thisArg: unknown, ...args: unknown[]) => through(fn, thisArg, args),
    traceCallback: (fn: Traced, _position: unknown, _ctx: unknown, thisArg: unknown, ...args: unknown[]) => through(fn, thisArg, args),
  }
})

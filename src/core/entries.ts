// How a feature shows up outside its own pages: a tile in 首页's service grid and cells in 我的, each with who
// sees it, its group and its place there. Each feature declares its own in `entries.ts` beside it and
// src/features/registry.ts lists the features, so adding one touches only its folder and one line there.
import type { Me } from '@server/features/account/actions'

/** A tile of 首页's service grid; without a page it leads to the 「即将开放」 page for its key. */
export interface ServiceEntry {
  /** Names the tile (`service-grid__item--<key>`) and the coming-soon page's `service`. */
  key: string
  page?: string
  title: string
  glyph: string
  summary: string
  /** What the service does, listed on the coming-soon page. */
  details: string[]
  color: string
  /** Place in the grid, lowest first, across all features. */
  order: number
}

/** The groups of 我的 that features fill, in the order they appear. */
export const ME_GROUPS = [
  { key: 'services', title: '我的服务' },
  { key: 'staff', title: '社区工作台' },
  { key: 'grid', title: '网格员工作台' },
  { key: 'driver', title: '班车司机' },
  { key: 'volunteer', title: '志愿服务' },
] as const
export type MeGroup = (typeof ME_GROUPS)[number]['key']

export interface MeCell<C = unknown> {
  /** Unique across features. */
  key: string
  group: MeGroup
  /** Place in its group, lowest first, across all features. */
  order: number
  /** Who sees it. */
  visible(me: Me): boolean
  title: string | ((me: Me) => string)
  /** With the feature's workbench counts once loaded (undefined before, or when loading failed). */
  description: string | ((me: Me, counts: C | undefined) => string)
  url: string | ((me: Me) => string)
  /**
   * A number shown beside the cell while above zero. A hook: 我的 calls every declared one on each render, in the
   * registry's fixed order.
   */
  useBadge?: () => number
}

export interface FeatureEntries<C = unknown> {
  feature: string
  services?: ServiceEntry[]
  cells?: MeCell<C>[]
  /** Numbers for the feature's workbench cells, loaded each time 我的 is shown to someone they are for. */
  counts?: { for(me: Me): boolean; load(me: Me): Promise<C> }
}

/** Keeps a feature's cells and its counts loader agreeing on the counts' type. */
export function defineEntries<C = undefined>(entries: FeatureEntries<C>): FeatureEntries {
  return entries as FeatureEntries
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order

export function serviceEntries(features: readonly FeatureEntries[]): ServiceEntry[] {
  return features.flatMap((f) => f.services ?? []).sort(byOrder)
}

export type PlacedCell = MeCell & { feature: string }

/** Every cell declared for the group, in order, whoever it is for. */
export function groupCells(features: readonly FeatureEntries[], group: MeGroup): PlacedCell[] {
  return features
    .flatMap((f) => (f.cells ?? []).map((c) => ({ ...c, feature: f.feature })))
    .filter((c) => c.group === group)
    .sort(byOrder)
}

export const wantsCounts = (features: readonly FeatureEntries[], me: Me | null) => !!me && features.some((f) => f.counts?.for(me))

/** Each feature's counts by feature; one failing leaves only its own cells on their plain descriptions. */
export async function loadCounts(features: readonly FeatureEntries[], me: Me): Promise<Record<string, unknown>> {
  const loaded = await Promise.all(
    features.map(async (f) => [f.feature, f.counts?.for(me) ? await f.counts.load(me).catch(() => undefined) : undefined] as const),
  )
  return Object.fromEntries(loaded.filter(([, c]) => c !== undefined))
}

export interface CellView {
  key: string
  title: string
  description: string
  url: string
}

/** What a cell says to this person, with its feature's counts. */
export function viewOf(cell: PlacedCell, me: Me, counts: Record<string, unknown> | undefined): CellView {
  return {
    key: cell.key,
    title: typeof cell.title === 'function' ? cell.title(me) : cell.title,
    description: typeof cell.description === 'function' ? cell.description(me, counts?.[cell.feature]) : cell.description,
    url: typeof cell.url === 'function' ? cell.url(me) : cell.url,
  }
}

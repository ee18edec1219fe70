import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '@common/paging'
import { messageOf } from './api'

export interface Query<T> {
  data: T | undefined
  error: string | null
  loading: boolean
  reload(): Promise<void>
}

/** Loads data for a screen; pull-down refresh reloads it. Stale answers from earlier loads are dropped. */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[], opts: { enabled?: boolean; pullToRefresh?: boolean } = {}): Query<T> {
  const enabled = opts.enabled ?? true
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: enabled,
  })
  const seq = useRef(0)
  const reload = useCallback(async () => {
    const mine = ++seq.current
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const data = await load()
      if (mine === seq.current) setState({ data, error: null, loading: false })
    } catch (err) {
      if (mine === seq.current) setState((s) => ({ ...s, error: messageOf(err), loading: false }))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(() => {
    if (enabled) void reload()
  }, [reload, enabled])
  usePullDownRefresh(() => {
    if (opts.pullToRefresh === false) return
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
  return { ...state, reload }
}

export interface PagedQuery<T> extends Query<T[]> {
  hasMore: boolean
  loadingMore: boolean
  total: number
}

/** A long list: first page on open, the next as the person reaches the bottom, all again on pull-down. */
export function usePaged<T>(loadPage: (page: number) => Promise<Page<T>>, deps: unknown[]): PagedQuery<T> {
  const [items, setItems] = useState<T[] | undefined>(undefined)
  const [meta, setMeta] = useState({ page: 0, hasMore: false, total: 0 })
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    try {
      const p = await loadPage(1)
      if (mine !== seq.current) return
      setItems(p.items)
      setMeta({ page: 1, hasMore: p.hasMore, total: p.total })
    } catch (err) {
      if (mine === seq.current) setError(messageOf(err))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  useEffect(() => {
    void reload()
  }, [reload])

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    if (!meta.hasMore || loadingMore || loading) return
    const mine = seq.current
    setLoadingMore(true)
    loadPage(meta.page + 1)
      .then((p) => {
        if (mine !== seq.current) return
        setItems((prev) => [...(prev ?? []), ...p.items])
        setMeta({ page: meta.page + 1, hasMore: p.hasMore, total: p.total })
      })
      .catch((err) => void Taro.showToast({ title: messageOf(err), icon: 'none' }))
      .finally(() => setLoadingMore(false))
  })

  return { data: items, error, loading, reload, hasMore: meta.hasMore, loadingMore, total: meta.total }
}

export function toast(title: string, icon: 'success' | 'none' = 'none') {
  void Taro.showToast({ title, icon, duration: 2000 })
}

// Small typed wrappers over Taro storage (WeChat storage on weapp, localStorage on H5). Failures to read are
// treated as "nothing stored": a corrupt value must never stop the app from opening.
import Taro from '@tarojs/taro'

export function load<T>(key: string): T | null {
  try {
    const raw = Taro.getStorageSync(key)
    if (raw === '' || raw === undefined || raw === null) return null
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T
  } catch {
    return null
  }
}

export function save(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value))
  } catch {
    // Storage full or unavailable: the app keeps working with what is in memory.
  }
}

export function remove(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing to remove
  }
}

/** Removes every stored value whose key starts with `prefix` (all of a person's drafts: 'draft.'). */
export function removeAll(prefix: string): void {
  try {
    for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(prefix)) Taro.removeStorageSync(key)
  } catch {
    // storage unavailable: nothing was kept either
  }
}

import Taro from '@tarojs/taro'
import type { StopOut } from '@server/features/shuttle/actions'

/**
 * The stop on a map: WeChat's own map page on weapp; on H5, which has no map of its own, 高德's marker page (a
 * public URL that opens the 高德 app where it is installed). Our coordinates are GCJ-02, as both expect.
 */
export function openStop(stop: Pick<StopOut, 'name' | 'latitude' | 'longitude' | 'waitNote'>) {
  if (process.env.TARO_ENV === 'h5') {
    const url = `https://uri.amap.com/marker?position=${stop.longitude},${stop.latitude}&name=${encodeURIComponent(stop.name)}&src=hongshiliu&coordinate=gaode`
    window.open(url, '_blank', 'noopener')
    return
  }
  void Taro.openLocation({ latitude: stop.latitude, longitude: stop.longitude, name: stop.name, address: stop.waitNote, scale: 18 }).catch(() => undefined)
}

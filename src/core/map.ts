import Taro from '@tarojs/taro'

export interface Place {
  name: string
  latitude: number
  longitude: number
  /** A line on where exactly: 东门保安亭南侧, 社区党群服务中心一楼东侧. */
  address: string
}

/**
 * A place on a map (a shuttle stop, an event's venue): WeChat's own map page on weapp; on H5, which has no map of
 * its own, 高德's marker page (a public URL that opens the 高德 app where it is installed). Our coordinates are
 * GCJ-02, as both expect.
 */
export function openPlace(place: Place) {
  if (process.env.TARO_ENV === 'h5') {
    const url = `https://uri.amap.com/marker?position=${place.longitude},${place.latitude}&name=${encodeURIComponent(place.name)}&src=hongshiliu&coordinate=gaode`
    window.open(url, '_blank', 'noopener')
    return
  }
  void Taro.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.name, address: place.address, scale: 18 }).catch(() => undefined)
}

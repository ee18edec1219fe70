import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useMutation } from '@/core/mutation'
import { fileUrl, uploadPhoto, type Uploaded } from '@/core/upload'
import type { PhotoOut, PhotoState } from '@server/features/moderation/actions'
import { control } from './a11y'
import './photo-picker.scss'

/** Up to `max` photos, each uploaded as soon as it is picked; the form sends only their ids. */
export function PhotoPicker({ value, onChange, max = 3, kind = 'hotline', label = '添加照片' }: { value: Uploaded[]; onChange: (photos: Uploaded[]) => void; max?: number; kind?: 'hotline' | 'poster'; label?: string }) {
  const upload = useMutation()
  const busy = upload.busy

  const pick = async () => {
    let picked: string[]
    try {
      const res = await Taro.chooseMedia({ count: max - value.length, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      picked = res.tempFiles.map((f) => f.tempFilePath)
    } catch {
      return // the person closed the picker
    }
    let next = value
    // Each photo joins the form as soon as it is up, so a failure keeps the ones before it.
    await upload.run(async () => {
      for (const path of picked.slice(0, max - value.length)) {
        next = [...next, await uploadPhoto(path, kind)]
        onChange(next)
      }
    })
  }

  return (
    <View className='photo-picker'>
      {value.map((p) => (
        <View key={p.id} className='photo-picker__item'>
          <Image className='photo-picker__img' src={fileUrl(p.url)} mode='aspectFill' />
          <Text className='photo-picker__remove' {...control('button', () => onChange(value.filter((x) => x.id !== p.id)), { label: '删除这张照片' })}>
            ×
          </Text>
        </View>
      ))}
      {value.length < max ? (
        <View className='photo-picker__add' {...control('button', () => void pick(), { disabled: busy })}>
          <Text className='photo-picker__plus'>{busy ? '…' : '+'}</Text>
          <Text className='photo-picker__hint'>{busy ? '上传中' : max === 1 ? label : `${label} ${value.length}/${max}`}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** What a photo held by the content check says on it: to its uploader and staff, over the picture; to others, in its place. */
export const PHOTO_STATE_TEXT: Record<Exclude<PhotoState, 'shown'>, string> = { checking: '审核中', refused: '未通过审核' }

/**
 * Photos attached to a request, a reply or an event; tap to see them large. A photo the content check still
 * holds is a placeholder for others, and carries its state for its uploader and staff.
 */
export function PhotoRow({ photos }: { photos: PhotoOut[] }) {
  if (photos.length === 0) return null
  const urls = photos.flatMap((p) => (p.url ? [fileUrl(p.url)] : []))
  return (
    <View className='photo-picker photo-picker--readonly'>
      {photos.map((p) => {
        const label = p.state === 'shown' ? null : PHOTO_STATE_TEXT[p.state]
        if (!p.url) {
          return (
            <View key={p.id} className='photo-picker__img photo-picker__held' aria-label={`照片${label ?? ''}`}>
              <Text className='photo-picker__held-text'>照片{label}</Text>
            </View>
          )
        }
        const u = fileUrl(p.url)
        return (
          <View key={p.id} className='photo-picker__item'>
            <Image className='photo-picker__img' src={u} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: u })} />
            {label ? <Text className={`photo-picker__state photo-picker__state--${p.state}`}>{label}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}

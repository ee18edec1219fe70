// Photo upload to POST /api/upload: one file per request, the same Bearer session as every call. The server
// checks type (from the bytes) and size; its refusal comes back as an ApiError with the Chinese message.
import Taro from '@tarojs/taro'
import { ERROR_MESSAGES } from '@common/errors'
import { ApiError, toApiError } from './api'
import { useSession } from './session'

export interface Uploaded {
  id: number
  url: string
}

export function apiBase(): string {
  return process.env.TARO_ENV === 'h5' ? '' : API_BASE_URL
}

/** Photo URLs from the server are paths on the API host; images need them absolute on weapp. */
export function fileUrl(url: string): string {
  return url.startsWith('/') ? `${apiBase()}${url}` : url
}

/** Uploads a picked photo: a hotline request's or reply's, or an event's poster. */
export async function uploadPhoto(filePath: string, kind: 'hotline' | 'poster' = 'hotline'): Promise<Uploaded> {
  const token = useSession.getState().token
  let res: { statusCode: number; data: string }
  try {
    res = await Taro.uploadFile({
      url: `${apiBase()}/api/upload${kind === 'hotline' ? '' : `?kind=${kind}`}`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: 30_000,
    } as Parameters<typeof Taro.uploadFile>[0])
  } catch {
    throw new ApiError('NETWORK', ERROR_MESSAGES.NETWORK)
  }
  let envelope: unknown
  try {
    envelope = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
  } catch {
    envelope = null
  }
  const env = envelope as { ok?: boolean; data?: Uploaded } | null
  if (env?.ok && env.data) return env.data
  throw toApiError(res.statusCode, envelope)
}

/** Cloud functions cannot take a multipart upload; photo attachments need the HTTP server for now. */
export const photoUploadAvailable = () => !(process.env.TARO_ENV === 'weapp' && CLOUD_ENV)

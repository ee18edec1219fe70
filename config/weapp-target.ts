// Where the mini-program sends its calls, decided once per build from the environment:
// - CLOUD_ENV=<env id>: cloud functions of that WeChat cloud environment;
// - API_BASE_URL=https://<filed domain>: a self-hosted server (WeChat takes only HTTPS to a domain whitelisted for
//   request and uploadFile);
// - a local build (WEAPP_LOCAL=1, which npm run build:weapp:local, dev:weapp and the tests set): the server of
//   `npm start` on http://127.0.0.1:3000 unless API_BASE_URL says otherwise, for WeChat DevTools with
//   「不校验合法域名」 ticked.
// A release build with neither is refused, so 127.0.0.1 is never compiled into what reviewers and residents get.
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

export interface WeappTarget {
  /** The server's origin, or '' when calls go to cloud functions. */
  apiBaseUrl: string
  cloudEnv: string
  local: boolean
}

export function weappTarget(env: Record<string, string | undefined>): WeappTarget {
  const local = ['1', 'true', 'yes'].includes(String(env.WEAPP_LOCAL || '').toLowerCase())
  const cloudEnv = (env.CLOUD_ENV || '').trim()
  const given = (env.API_BASE_URL || '').trim()
  const refuse = (why: string): never => {
    throw new Error(`Refusing to build the mini-program: ${why}`)
  }
  if (cloudEnv && !/^[A-Za-z0-9][\w-]{2,63}$/.test(cloudEnv)) refuse(`CLOUD_ENV "${cloudEnv}" is not a cloud environment id (e.g. guandao-3g5x9k).`)
  let url: URL | null = null
  if (given) {
    url = parseUrl(given) ?? refuse(`API_BASE_URL "${given}" is not a URL; give https://<your domain>.`)
    if (url.pathname !== '/' || url.search || url.hash) refuse(`API_BASE_URL "${given}" must be the server's origin only, e.g. https://guandao.example.cn.`)
  }
  if (!local) {
    if (!cloudEnv && !url) refuse('set CLOUD_ENV=<cloud environment id> or API_BASE_URL=https://<filed domain> (for WeChat DevTools against npm start: npm run build:weapp:local).')
    if (url && url.protocol !== 'https:') refuse(`API_BASE_URL must be https:// (WeChat refuses plain HTTP), not ${url.protocol}//.`)
    if (url && LOOPBACK.test(url.hostname)) refuse(`API_BASE_URL points at this machine (${url.hostname}); a release build needs the server's public, filed domain.`)
  }
  return {
    apiBaseUrl: url ? url.origin : cloudEnv ? '' : 'http://127.0.0.1:3000',
    cloudEnv,
    local,
  }
}

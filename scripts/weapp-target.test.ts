import { weappTarget } from '../config/weapp-target'

describe('where the mini-program sends its calls', () => {
  test('a release build takes cloud functions or an HTTPS origin, and nothing else', () => {
    expect(weappTarget({ CLOUD_ENV: 'guandao-3g5x9k' })).toEqual({ apiBaseUrl: '', cloudEnv: 'guandao-3g5x9k', local: false })
    expect(weappTarget({ API_BASE_URL: 'https://guandao.example.cn/' })).toEqual({ apiBaseUrl: 'https://guandao.example.cn', cloudEnv: '', local: false })
  })

  test.each([
    [{}, /set CLOUD_ENV=<cloud environment id> or API_BASE_URL=https:\/\/<filed domain>/],
    [{ API_BASE_URL: 'http://guandao.example.cn' }, /must be https:\/\//],
    [{ API_BASE_URL: 'https://127.0.0.1:3000' }, /points at this machine/],
    [{ API_BASE_URL: 'https://localhost' }, /points at this machine/],
    [{ API_BASE_URL: 'guandao.example.cn' }, /is not a URL/],
    [{ API_BASE_URL: 'https://guandao.example.cn/api' }, /origin only/],
    [{ CLOUD_ENV: 'a b' }, /is not a cloud environment id/],
  ])('a release build is refused with %j', (env, why) => {
    expect(() => weappTarget(env)).toThrow(/^Refusing to build the mini-program: /)
    expect(() => weappTarget(env)).toThrow(why)
  })

  test('a local build (DevTools against npm start, the tests) may use this machine over HTTP', () => {
    expect(weappTarget({ WEAPP_LOCAL: '1' })).toEqual({ apiBaseUrl: 'http://127.0.0.1:3000', cloudEnv: '', local: true })
    expect(weappTarget({ WEAPP_LOCAL: 'true', API_BASE_URL: 'http://192.168.1.20:3000' }).apiBaseUrl).toBe('http://192.168.1.20:3000')
  })
})

// WeChat's screen reader hears what control() sets only if the weapp templates bind each aria-* attribute to the
// same short data key the runtime writes it under. The templates come from the build (config/weapp-aria.js), the
// keys from the runtime (src/core/ui/weapp-aria.ts over Taro's weapp runtime); both must list the same attributes.
// npm test builds the weapp first; this test does not build it.
import fs from 'node:fs'
import path from 'node:path'
import aria from '../src/core/ui/weapp-aria.json'

const weappDir = path.resolve(process.env.WEAPP_DIR || path.join(__dirname, '../dist/weapp'))
const camel = (s: string) => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())

type Alias = Record<string, Record<string, string>>

function runtimeAliases(): Alias {
  process.env.TARO_ENV = 'weapp'
  let alias: Alias = {}
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shared = require('@tarojs/shared') as { internalComponents: object; getComponentsAlias(c: object): Alias }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tarojs/plugin-platform-weapp/dist/runtime')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../src/core/ui/weapp-aria')
    alias = shared.getComponentsAlias(shared.internalComponents)
  })
  return alias
}

/** Each template of base.wxml by its number. */
function templates(): Map<string, string> {
  const file = path.join(weappDir, 'base.wxml')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the mini-program first (npm run build:weapp; npm test does).`)
  const wxml = fs.readFileSync(file, 'utf8')
  return new Map([...wxml.matchAll(/<template name="tmpl_0_(\d+)">([\s\S]*?)<\/template>/g)].map((m) => [m[1], m[2]]))
}

describe('aria-* on weapp', () => {
  const alias = runtimeAliases()
  const tmpl = templates()

  test.each(aria.components)('%s: every attribute is bound where the runtime writes it', (component) => {
    const a = alias[component.toLowerCase()]
    expect(a).toBeDefined()
    const body = tmpl.get(a._num)
    expect(body).toBeDefined()
    const missing = aria.attributes.filter((attr) => !a[camel(attr)] || !body!.includes(`${attr}="{{i.${a[camel(attr)]}}}"`))
    expect(missing).toEqual([])
  })

  test('the runtime without the app’s list would not agree (negative control)', () => {
    let bare: Alias = {}
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const shared = require('@tarojs/shared') as { internalComponents: object; getComponentsAlias(c: object): Alias }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tarojs/plugin-platform-weapp/dist/runtime')
      bare = shared.getComponentsAlias(shared.internalComponents)
    })
    expect(bare.view.ariaRole).toBeUndefined()
    expect(tmpl.get(bare.view._num)).toContain('aria-role=')
  })
})

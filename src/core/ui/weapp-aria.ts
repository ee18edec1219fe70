import { mergeInternalComponents } from '@tarojs/shared'
import aria from './weapp-aria.json'

/**
 * On weapp, the runtime learns the same `aria-*` attributes config/weapp-aria.js adds to the templates, so what
 * control() and group() set reaches WeChat's screen reader. Imported first by the app, before anything renders.
 */
if (process.env.TARO_ENV === 'weapp') {
  const attrs = Object.fromEntries(aria.attributes.map((a) => [a, '']))
  mergeInternalComponents(Object.fromEntries(aria.components.map((c) => [c, { ...attrs }])))
}

// Taro's weapp templates pass only the attributes they list for each component, and WeChat's own `aria-role` and
// `aria-*` are not among them in Taro 4.2.1, so a screen reader heard no role or state on weapp. This build plugin
// adds them to the templates; src/core/ui/weapp-aria.ts adds the same list to the runtime, which must agree with
// the templates on every component's attributes. (@tarojs/plugin-inject does this too, but its releases pin
// another @tarojs/shared than the Taro pinned here, and two copies of it would disagree.)
const { components, attributes } = require('../src/core/ui/weapp-aria.json')

const patch = () => Object.fromEntries(components.map((c) => [c, Object.fromEntries(attributes.map((a) => [a, '']))]))

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'weapp') return
      platform.template.mergeComponents(ctx, patch())
    },
  })
}
module.exports.patch = patch

import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { weappTarget } from './weapp-target'

// Where the weapp build sends its calls: config/weapp-target.js (CLOUD_ENV, API_BASE_URL, WEAPP_LOCAL). H5 always
// calls its own origin.
export default defineConfig<'webpack5'>(async (merge, { command, mode }) => {
  const target = process.env.TARO_ENV === 'weapp' ? weappTarget(process.env) : { apiBaseUrl: '', cloudEnv: '' }
  // Code outside src/ that the client compiles: common/ and the action tables under server/features.
  const shared = [path.resolve(__dirname, '..', 'common'), path.resolve(__dirname, '..', 'server')]
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'hongshiliu-guandao',
    date: '2026-11-27',
    // NutUI is drawn on a 375 px design, our pages on 750.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@common': path.resolve(__dirname, '..', 'common'),
      '@server': path.resolve(__dirname, '..', 'server'),
    },
    defineConstants: {
      API_BASE_URL: JSON.stringify(target.apiBaseUrl),
      CLOUD_ENV: JSON.stringify(target.cloudEnv),
    },
    // WeChat's aria-* attributes on View, Text and Image in the weapp templates (see the file).
    plugins: [path.resolve(__dirname, 'weapp-aria.js'), path.resolve(__dirname, 'weapp-project.js')],
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Pre-bundling would pull all of NutUI into one chunk (over WeChat's 2 MB main-package limit).
      prebundle: { enable: false, exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      // zod ships ES2020 (?. and ??), which iOS before 13.4 cannot parse and WeChat does not compile down
      // (project.config.json: es6 and enhance off): it is compiled with our code, to what the phones read
      // (scripts/weapp-syntax.test.ts checks every built file).
      compile: { include: [...shared, path.resolve(__dirname, '..', 'node_modules', 'zod')] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      compile: { include: shared },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // On a desk monitor the app keeps a phone's width (480 px), so the rem base stops growing there.
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 17, maxRootSize: 25.6 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: { host: '127.0.0.1', port: 10086 },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }
  void command
  void mode
  return merge({}, base)
})

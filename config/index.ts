import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'

// API_BASE_URL: where the weapp build sends HTTP calls when no cloud environment is set (H5 always uses its own
// origin). CLOUD_ENV: the WeChat cloud environment id; when set, weapp calls cloud functions instead.
export default defineConfig<'webpack5'>(async (merge, { command, mode }) => {
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
      // The weapp build needs an absolute address; by default the local server of `npm start`.
      API_BASE_URL: JSON.stringify(process.env.API_BASE_URL ?? 'http://127.0.0.1:3000'),
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
    },
    // WeChat's aria-* attributes on View, Text and Image in the weapp templates (see the file).
    plugins: [path.resolve(__dirname, 'weapp-aria.js')],
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Pre-bundling would pull all of NutUI into one chunk (over WeChat's 2 MB main-package limit).
      prebundle: { enable: false, exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      compile: { include: shared },
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

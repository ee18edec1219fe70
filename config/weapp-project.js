// What the weapp build leaves beside app.json for WeChat DevTools and review:
// - project.config.json: Taro copies the root one into dist/weapp and points miniprogramRoot at it, but leaves
//   cloudfunctionRoot relative to the root, a folder that does not exist from dist/weapp. It is pointed at the
//   repository's cloudfunctions/ here, so opening dist/weapp shows the cloud functions too.
// - sitemap.json (config/sitemap.json): which pages WeChat's search may index. app.config.ts names it.
const fs = require('node:fs')
const path = require('node:path')

module.exports = (ctx) => {
  ctx.onBuildFinish(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const out = ctx.paths.outputPath
    const projectFile = path.join(out, 'project.config.json')
    if (fs.existsSync(projectFile)) {
      const project = JSON.parse(fs.readFileSync(projectFile, 'utf8'))
      const cloud = path.relative(out, path.join(ctx.paths.appPath, 'cloudfunctions')).split(path.sep).join('/')
      project.cloudfunctionRoot = `${cloud}/`
      fs.writeFileSync(projectFile, `${JSON.stringify(project, null, 2)}\n`)
    }
    fs.copyFileSync(path.join(__dirname, 'sitemap.json'), path.join(out, 'sitemap.json'))
  })
}

// Babel is Taro's compiler for the mini-program and H5.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [require('./babel.nutui')],
}

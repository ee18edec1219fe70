// Build-time constants that Taro's DefinePlugin provides in real builds.
globalThis.API_BASE_URL = 'https://api.example.test'
globalThis.CLOUD_ENV = ''
process.env.TARO_ENV = 'h5'

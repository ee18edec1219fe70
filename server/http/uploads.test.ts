import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { engines, startHttp } from '../testing/harness'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)])
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 1)])

function form(name: string, data: Buffer, type = 'image/png') {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(data)], { type }), name)
  return fd
}

describe.each(engines())('photo uploads on %s', (engine) => {
  let t: Awaited<ReturnType<typeof startHttp>>
  let dataDir: string
  let token: string

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-uploads-'))
    t = await startHttp(engine, { env: { DATA_DIR: dataDir } })
    token = await t.signIn('resident')
  })

  afterAll(async () => {
    await t?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const upload = (body: FormData, auth: string | null = token) =>
    fetch(`${t.url}/api/upload`, { method: 'POST', body, headers: auth ? { authorization: `Bearer ${auth}` } : {} })

  test('an image is stored under the data folder, recorded for its owner and served by its signed URL', async () => {
    const res = await upload(form('门口积水.png', PNG))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.ok).toBe(true)
    const row = await t.db.selectFrom('uploads').selectAll().where('id', '=', body.data.id).executeTakeFirstOrThrow()
    const me = await t.ok('account', 'me', {}, { token })
    expect(row).toMatchObject({ owner_id: me.id, mime: 'image/png', bytes: PNG.length, storage: 'disk' })
    expect(fs.readFileSync(path.join(dataDir, 'uploads', row.path_or_file_id)).equals(PNG)).toBe(true)

    const got = await fetch(t.url + body.data.url)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true)
  })

  test('the type is read from the bytes: a text file named .jpg is refused, a JPEG sent as octet-stream is kept', async () => {
    const fake = await upload(form('photo.jpg', Buffer.from('not an image at all'), 'image/jpeg'))
    expect(fake.status).toBe(400)
    const body = await fake.json()
    expect(body.error.code).toBe('BAD_INPUT')
    expect(body.error.fields.file).toContain('JPG')
    const real = await upload(form('x.bin', JPEG, 'application/octet-stream'))
    expect((await real.json()).ok).toBe(true)
  })

  test('more than 5 MB is refused and nothing is recorded', async () => {
    const before = await t.db.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
    const res = await upload(form('big.png', big))
    expect(res.status).toBe(400)
    expect((await res.json()).error.fields.file).toContain('5MB')
    const after = await t.db.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  test('without a session, or without a file, the upload is refused', async () => {
    expect((await upload(form('a.png', PNG), null)).status).toBe(401)
    expect((await upload(form('a.png', PNG), 'not-a-token')).status).toBe(401)
    const json = await fetch(`${t.url}/api/upload`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })
    expect(json.status).toBe(400)
  })

  test('a URL with a changed id or signature, or past its hour, finds nothing', async () => {
    const { data } = await (await upload(form('b.png', PNG))).json()
    const url = new URL(t.url + data.url)
    const wrongSig = new URL(url)
    wrongSig.searchParams.set('s', 'x'.repeat(32))
    expect((await fetch(wrongSig)).status).toBe(404)
    const otherId = new URL(url.toString().replace(`/uploads/${data.id}?`, `/uploads/${data.id + 1000}?`))
    expect((await fetch(otherId)).status).toBe(404)
    t.clock.advance(2 * 60 * 60 * 1000 + 1)
    expect((await fetch(url)).status).toBe(404)
  })
})

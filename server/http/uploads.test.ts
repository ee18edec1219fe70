import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { sweepUnattachedPhotos } from '../features/hotline/sweep'
import { DAY_MS, engines, startHttp } from '../testing/harness'
import { MAX_UNATTACHED } from './uploads'

/** A real photo: 3000×2000 with the camera's make and the place it was taken, as phones write them. */
const photo = (format: 'jpeg' | 'png') => {
  const canvas = sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c33' } })
  return (format === 'jpeg' ? canvas.jpeg() : canvas.png())
    .withExif({ IFD0: { Make: 'HomeCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '117/1 11/1 0/1' } })
    .toBuffer()
}
let PNG: Buffer
let JPEG: Buffer
/** Starts like a JPEG and is not one. */
const FAKE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<script>alert(1)</script>'), Buffer.alloc(300, 1)])

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
    ;[PNG, JPEG] = await Promise.all([photo('png'), photo('jpeg')])
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-uploads-'))
    t = await startHttp(engine, { env: { DATA_DIR: dataDir, UPLOAD_RATE_LIMIT_PER_MINUTE: '1000' } })
    token = await t.signIn('resident')
  })
  // Each test starts with no unsent photos, so the cap of one does not reach into another.
  beforeEach(async () => {
    await t.db.deleteFrom('uploads').execute()
  })

  afterAll(async () => {
    await t?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const upload = (body: FormData, auth: string | null = token) =>
    fetch(`${t.url}/api/upload`, { method: 'POST', body, headers: auth ? { authorization: `Bearer ${auth}` } : {} })

  test('an image is stored as a JPEG without its metadata, smaller, recorded for its owner and served by its signed URL', async () => {
    expect((await sharp(PNG).metadata()).exif).toBeDefined()
    const res = await upload(form('门口积水.png', PNG))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.ok).toBe(true)
    const row = await t.db.selectFrom('uploads').selectAll().where('id', '=', body.data.id).executeTakeFirstOrThrow()
    const me = await t.ok('account', 'me', {}, { token })
    expect(row).toMatchObject({ owner_id: me.id, mime: 'image/jpeg', storage: 'disk' })
    const stored = fs.readFileSync(path.join(dataDir, 'uploads', row.path_or_file_id))
    expect(row.bytes).toBe(stored.length)
    // The picture is kept (its shape, at most 2048 on the longer side); where and with what it was taken is not.
    const meta = await sharp(stored).metadata()
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 2048, 1365, undefined])
    expect(stored.includes(Buffer.from('HomeCam'))).toBe(false)

    const got = await fetch(t.url + body.data.url)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/jpeg')
    expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    expect(got.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/)
    expect(Buffer.from(await got.arrayBuffer()).equals(stored)).toBe(true)
  })

  test('an event poster is uploaded by organisers only, kept apart from hotline photos', async () => {
    const staff = await t.signIn('staff')
    const poster = await fetch(`${t.url}/api/upload?kind=poster`, { method: 'POST', body: form('海报.png', PNG), headers: { authorization: `Bearer ${staff}` } })
    expect(poster.status).toBe(200)
    const id = (await poster.json()).data.id as number
    expect((await t.db.selectFrom('uploads').select('kind').where('id', '=', id).executeTakeFirstOrThrow()).kind).toBe('poster')
    const resident = await fetch(`${t.url}/api/upload?kind=poster`, { method: 'POST', body: form('海报.png', PNG), headers: { authorization: `Bearer ${token}` } })
    expect([resident.status, (await resident.json()).error.message]).toEqual([403, '只有活动组织者可以上传海报'])
    const odd = await fetch(`${t.url}/api/upload?kind=avatar`, { method: 'POST', body: form('a.png', PNG), headers: { authorization: `Bearer ${staff}` } })
    expect([odd.status, (await odd.json()).error.fields]).toEqual([400, { kind: '上传用途无效' }])
  })

  test('the type is read from the bytes and the image must decode: text named .jpg and a file that only starts like a JPEG are refused', async () => {
    const text = await upload(form('photo.jpg', Buffer.from('not an image at all'), 'image/jpeg'))
    expect(text.status).toBe(400)
    const body = await text.json()
    expect(body.error.code).toBe('BAD_INPUT')
    expect(body.error.fields.file).toContain('JPG')
    const fake = await upload(form('photo.jpg', FAKE_JPEG, 'image/jpeg'))
    expect([fake.status, (await fake.json()).error.fields.file]).toEqual([400, '照片无法识别，请换一张照片'])
    const real = await upload(form('x.bin', JPEG, 'application/octet-stream'))
    expect((await real.json()).ok).toBe(true)
  })

  test('only people who attach photos may upload; photos never sent are capped, and swept after a day with their files', async () => {
    const newcomer = await t.consentedNewcomer()
    const refused = await upload(form('a.png', PNG), newcomer)
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, 'FORBIDDEN'])

    const ids: number[] = []
    for (let i = 0; i < MAX_UNATTACHED; i++) ids.push((await (await upload(form(`p${i}.jpg`, JPEG))).json()).data.id)
    const over = await upload(form('more.jpg', JPEG))
    expect([over.status, (await over.json()).error.code]).toEqual([409, 'CONFLICT'])
    const files = (await t.db.selectFrom('uploads').select('path_or_file_id').execute()).map((r) => path.join(dataDir, 'uploads', r.path_or_file_id))
    expect(files.every((f) => fs.existsSync(f))).toBe(true)

    expect(await sweepUnattachedPhotos(t.services)).toBe(0)
    t.clock.advance(DAY_MS + 1000)
    expect(await sweepUnattachedPhotos(t.services)).toBe(MAX_UNATTACHED)
    expect(await t.db.selectFrom('uploads').select('id').where('id', 'in', ids).execute()).toEqual([])
    expect(files.some((f) => fs.existsSync(f))).toBe(false)
    expect((await upload(form('again.jpg', JPEG))).status).toBe(200)
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

describe.each(engines())('the upload flood on %s', (engine) => {
  test('uploads have a limit of their own per person: past it, 429', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-flood-'))
    const t = await startHttp(engine, { env: { UPLOAD_RATE_LIMIT_PER_MINUTE: '3', DATA_DIR: dir } })
    try {
      const token = await t.signIn('resident')
      const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#eee' } }).jpeg().toBuffer()
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${t.url}/api/upload`, { method: 'POST', body: form(`f${i}.jpg`, small, 'image/jpeg'), headers: { authorization: `Bearer ${token}` } })
        statuses.push(res.status)
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429])
    } finally {
      await t.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

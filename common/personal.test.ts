import { idCardNumber, maskIdCard, maskName, maskPhone, mobile, MOBILE_RE, personName } from './personal'

describe('maskPhone', () => {
  test.each([
    ['13800000001', '138****0001'],
    ['13852140001', '138****0001'],
    ['19912345678', '199****5678'],
  ])('a mobile number %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  test('nothing to mask → empty', () => {
    expect(maskPhone(null)).toBe('')
    expect(maskPhone(undefined)).toBe('')
    expect(maskPhone('')).toBe('')
  })

  test('anything else keeps only its last two characters', () => {
    expect(maskPhone('0516-83861234')).toBe('***********34')
    expect(maskPhone('12345678901')).toBe('*********01') // 12… is not a mainland mobile number
    expect(maskPhone('12')).toBe('**')
    expect(maskPhone('7')).toBe('**')
  })

  test('never returns the middle four digits of a mobile number', () => {
    for (const phone of ['13812345678', '15900001111', '17755556666']) {
      const masked = maskPhone(phone)
      expect(masked).toHaveLength(11)
      expect(masked).not.toContain(phone.slice(3, 7))
    }
  })
})

describe('maskName', () => {
  test('keeps the family name', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('李明')).toBe('李*')
    expect(maskName('王')).toBe('王*')
    expect(maskName(null)).toBe('')
  })
})

describe('MOBILE_RE', () => {
  test('11 digits, 1 then a carrier digit 3–9', () => {
    expect(MOBILE_RE.test('13800000000')).toBe(true)
    expect(MOBILE_RE.test('12800000000')).toBe(false)
    expect(MOBILE_RE.test('1380000000')).toBe(false)
    expect(MOBILE_RE.test('138000000000')).toBe(false)
  })
})

describe('mobile()', () => {
  const schema = mobile()

  test('accepts a number typed with spaces or dashes and gives it back bare', () => {
    expect(schema.parse('13800000001')).toBe('13800000001')
    expect(schema.parse(' 138 0000 0001 ')).toBe('13800000001')
    expect(schema.parse('138-0000-0001')).toBe('13800000001')
  })

  test.each([['12345678901'], ['1380000000'], ['138000000012'], ['abcdefghijk'], ['']])('refuses %p with a Chinese message', (value) => {
    const res = schema.safeParse(value)
    expect(res.success).toBe(false)
    expect(res.error?.issues[0].message).toBe('手机号应为11位手机号码')
  })

  test('a value that is not text asks for the number', () => {
    expect(schema.safeParse(13800000001).error?.issues[0].message).toBe('请填写手机号')
    expect(schema.safeParse(undefined).error?.issues[0].message).toBe('请填写手机号')
  })

  test('the label appears in the messages', () => {
    const s = mobile('联系电话')
    expect(s.safeParse('123').error?.issues[0].message).toBe('联系电话应为11位手机号码')
    expect(s.safeParse(null).error?.issues[0].message).toBe('请填写联系电话')
  })
})

describe('personName()', () => {
  const schema = personName()

  test.each([
    ['李桂芳', '李桂芳'],
    ['  马建国 ', '马建国'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['Anna Lee', 'Anna Lee'],
  ])('accepts %p', (value, parsed) => {
    expect(schema.parse(value)).toBe(parsed)
  })

  test.each([
    ['', '请填写姓名'],
    ['   ', '请填写姓名'],
    ['张'.repeat(21), '姓名不能超过20个字'],
    ['张3', '姓名只能包含汉字、字母或间隔号'],
    ['<script>', '姓名只能包含汉字、字母或间隔号'],
    ['王😀', '姓名只能包含汉字、字母或间隔号'],
  ])('refuses %p: %s', (value, message) => {
    const res = schema.safeParse(value)
    expect(res.success).toBe(false)
    expect(res.error?.issues[0].message).toBe(message)
  })

  test('20 characters is still fine; the label appears in the messages', () => {
    expect(schema.safeParse('张'.repeat(20)).success).toBe(true)
    expect(personName('乘车人').safeParse(undefined).error?.issues[0].message).toBe('请填写乘车人')
    expect(personName('乘车人').safeParse(42).error?.issues[0].message).toBe('请填写乘车人')
  })
})

describe('idCardNumber()', () => {
  const schema = idCardNumber()

  // Invented numbers with hand-computed check characters; see idcard.test.ts.
  test.each([
    ['320302198506120035', '320302198506120035'],
    ['32031119780815008x', '32031119780815008X'],
    [' 320311 19780815 008X ', '32031119780815008X'],
  ])('accepts %p and gives back %p', (value, parsed) => {
    expect(schema.parse(value)).toBe(parsed)
  })

  test.each([
    ['', '请填写身份证号'],
    ['   ', '请填写身份证号'],
    ['32030219850612003', '身份证号应为18位'],
    ['3203021985061200351', '身份证号应为18位'],
    ['320302850612003', '身份证号应为18位'],
    ['32030219850612003A', '身份证号应为18位'],
    ['3203021985O6120035', '身份证号应为18位'],
    ['320302198506120036', '身份证号不正确，请核对'], // check character off by one
    ['320302198506210035', '身份证号不正确，请核对'], // two digits swapped
    ['320302199002300010', '身份证号不正确，请核对'], // 30 February
    ['320302209901010013', '身份证号不正确，请核对'], // born in the future
    ['020302198506120034', '身份证号不正确，请核对'], // no area code starts with 0
  ])('refuses %p: %s', (value, message) => {
    const res = schema.safeParse(value)
    expect(res.success).toBe(false)
    expect(res.error?.issues).toHaveLength(1)
    expect(res.error?.issues[0].message).toBe(message)
  })

  test('a value that is not text asks for the number', () => {
    expect(schema.safeParse(320302198506).error?.issues[0].message).toBe('请填写身份证号')
    expect(schema.safeParse(undefined).error?.issues[0].message).toBe('请填写身份证号')
    expect(schema.safeParse(null).error?.issues[0].message).toBe('请填写身份证号')
  })

  test('the label appears in the messages', () => {
    const s = idCardNumber('乘车人身份证号')
    expect(s.safeParse('').error?.issues[0].message).toBe('请填写乘车人身份证号')
    expect(s.safeParse('123').error?.issues[0].message).toBe('乘车人身份证号应为18位')
    expect(s.safeParse('320302198506120036').error?.issues[0].message).toBe('乘车人身份证号不正确，请核对')
  })

  test('maskIdCard is available beside the other masks', () => {
    expect(maskIdCard('320302198506120035')).toBe('3203**********0035')
  })
})

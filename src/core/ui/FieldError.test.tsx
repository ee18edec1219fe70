import { render, screen } from '@testing-library/react'
import { FieldError } from './FieldError'

test('a field without an error renders nothing, not an empty line', () => {
  for (const error of [undefined, null, '', false] as const) {
    const { container, unmount } = render(<FieldError error={error} />)
    expect(container.innerHTML).toBe('')
    unmount()
  }
})

test("a field's error keeps the field-error class pages and tests select by, with any extra class", () => {
  render(<FieldError error='出票说明至少2个字' />)
  expect(screen.getByText('出票说明至少2个字').className).toBe('field-error')
  render(<FieldError error='请选择出票结果' className='appt-book__error' />)
  expect(screen.getByText('请选择出票结果').className).toBe('field-error appt-book__error')
})

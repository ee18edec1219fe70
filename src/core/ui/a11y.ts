import type { ITouchEvent } from '@tarojs/components'

export type ControlRole = 'button' | 'link' | 'switch' | 'radio' | 'checkbox' | 'tab'

export interface ControlState {
  /** What a screen reader says, where the visible text alone would not do. */
  label?: string
  checked?: boolean
  selected?: boolean
  disabled?: boolean
}

/** Attributes of a box that acts as a control, spread onto a View. */
export type ControlProps = Record<string, string | number | boolean | undefined | ((e: ITouchEvent | KeyboardEvent) => void)>

/**
 * Makes a View a control a screen reader announces and a keyboard reaches: `role` and `aria-*` on H5 (with
 * Enter and Space pressing it), WeChat's own `aria-role` and `aria-*` on weapp (passed to its template by the
 * build, see config/weapp-aria.js). Every tappable box that is not a NutUI control goes through here, so the page
 * audit finds none without a role.
 */
export function control(role: ControlRole, onTap: () => void, state: ControlState = {}): ControlProps {
  const tap = () => {
    if (!state.disabled) onTap()
  }
  const aria = {
    'aria-label': state.label,
    'aria-checked': role === 'switch' || role === 'radio' || role === 'checkbox' ? Boolean(state.checked) : undefined,
    'aria-selected': role === 'tab' ? Boolean(state.selected) : undefined,
    'aria-disabled': state.disabled || undefined,
  }
  if (process.env.TARO_ENV !== 'h5') return { 'aria-role': role, ...aria, onClick: tap }
  return {
    role,
    tabIndex: state.disabled ? -1 : 0,
    ...aria,
    onClick: tap,
    onKeyDown: (e) => {
      const key = (e as KeyboardEvent).key
      if (key === 'Enter' || key === ' ') {
        ;(e as KeyboardEvent).preventDefault()
        tap()
      }
    },
  }
}

/** A box that names a set of controls for a screen reader (a radio group of chips, slots or stars). */
export function group(role: 'radiogroup' | 'group', label?: string): Record<string, string | undefined> {
  return named(role, label)
}

/** A box drawn as a picture (a QR code of cells): a screen reader says its label instead. */
export function picture(label: string): Record<string, string | undefined> {
  return named('img', label)
}

function named(role: string, label?: string): Record<string, string | undefined> {
  return process.env.TARO_ENV === 'h5' ? { role, 'aria-label': label } : { 'aria-role': role, 'aria-label': label }
}

/** A box that scrolls on its own (a long text, a strip of days): on H5 it takes keyboard focus so arrow keys scroll it. */
export function scrollRegion(label: string): Record<string, string | number> {
  return process.env.TARO_ENV === 'h5' ? { role: 'region', 'aria-label': label, tabIndex: 0 } : { 'aria-label': label }
}

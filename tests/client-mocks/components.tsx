// Taro's components rendered as plain elements, so React Testing Library can query them in jsdom.
import { createElement, type ReactNode } from 'react'

type Props = { children?: ReactNode; className?: string; onClick?: () => void; [key: string]: unknown }

const as = (tag: string) =>
  function Component({ children, userSelect: _userSelect, ...rest }: Props) {
    return createElement(tag, rest, children)
  }

export const View = as('div')
export const Text = as('span')
export const Image = as('img')
export const ScrollView = as('div')

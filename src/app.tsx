import './core/ui/weapp-aria'
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { useSession } from './core/session'
import { watchPrivacy } from './features/onboarding/privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Community facts (name, hotline) are public and needed on the first screen.
    void useSession.getState().loadCommunity().catch(() => undefined)
    watchPrivacy()
  })
  return children
}

export default App

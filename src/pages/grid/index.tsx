import { Page } from '@/core/ui/Page'
import { SignedIn } from '@/core/ui/Gate'
import { MyGrid } from '@/features/grid/MyGrid'

export default function GridPage() {
  return (
    <Page className='grid-page'>
      <SignedIn>{(me) => <MyGrid registered={!!me.household} />}</SignedIn>
    </Page>
  )
}

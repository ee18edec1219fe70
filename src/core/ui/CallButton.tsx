import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'

/** Tap to call: the hotline, a grid worker. The number is shown on the button so it can also be dialled by hand. */
export function CallButton({ phone, label = '拨打', block = false, fill = 'solid' }: { phone: string; label?: string; block?: boolean; fill?: 'solid' | 'outline' }) {
  return (
    <Button
      className='call-button'
      type='primary'
      fill={fill}
      block={block}
      size={block ? 'large' : 'normal'}
      onClick={() => void Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') }).catch(() => undefined)}
    >
      {label} {phone}
    </Button>
  )
}

import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import type { BuildingOut } from '@server/features/community/actions'
import { AddressPicker, type Address } from './AddressPicker'

const buildings: BuildingOut[] = [
  { id: 1, name: '管道新村1号楼', estate: '管道新村', gridId: 1, gridName: '第一网格', units: 3, floors: 6, roomsPerFloor: 2 },
  { id: 2, name: '管道新村2号楼', estate: '管道新村', gridId: 1, gridName: '第一网格', units: 3, floors: 6, roomsPerFloor: 2 },
  { id: 40, name: '红石榴家园5号楼', estate: '红石榴家园', gridId: 8, gridName: '第八网格', units: 2, floors: 11, roomsPerFloor: 2 },
]

function Harness({ onChange }: { onChange: (a: Address) => void }) {
  const [value, setValue] = useState<Address>({ buildingId: null, unit: null, room: '' })
  return (
    <AddressPicker
      buildings={buildings}
      value={value}
      errors={{}}
      onChange={(a) => {
        setValue(a)
        onChange(a)
      }}
    />
  )
}

test('estate, building, unit, floor and door make the address, and the grid follows from the building', () => {
  const changes: Address[] = []
  render(<Harness onChange={(a) => changes.push(a)} />)
  expect(screen.queryByText('楼栋')).toBeNull()
  fireEvent.click(screen.getByText('红石榴家园'))
  fireEvent.click(screen.getByText('5号楼'))
  expect(screen.getByText('属于第八网格')).toBeTruthy()
  // Only the building's own units and floors are offered.
  expect(screen.queryByText('3单元')).toBeNull()
  expect(screen.getByText('11层')).toBeTruthy()
  fireEvent.click(screen.getByText('2单元'))
  fireEvent.click(screen.getByText('11层'))
  fireEvent.click(screen.getByText('1102室'))
  expect(changes[changes.length - 1]).toEqual({ buildingId: 40, unit: 2, room: '1102' })
  expect(screen.getByRole('radio', { name: '1102室' }).getAttribute('aria-checked')).toBe('true')
})

test('choosing another building clears the unit and room', () => {
  const changes: Address[] = []
  render(<Harness onChange={(a) => changes.push(a)} />)
  fireEvent.click(screen.getByText('管道新村'))
  fireEvent.click(screen.getByText('1号楼'))
  fireEvent.click(screen.getByText('3单元'))
  fireEvent.click(screen.getByText('2层'))
  fireEvent.click(screen.getByText('201室'))
  fireEvent.click(screen.getByText('2号楼'))
  expect(changes[changes.length - 1]).toEqual({ buildingId: 2, unit: null, room: '' })
})

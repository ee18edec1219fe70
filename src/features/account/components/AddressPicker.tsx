import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { BuildingOut } from '@server/features/community/actions'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import './address-picker.scss'

export interface Address {
  buildingId: number | null
  unit: number | null
  room: string
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

/** Estate → building → unit → floor → door, each as big buttons; the grid follows from the building. */
export function AddressPicker({ buildings, value, onChange, errors }: {
  buildings: BuildingOut[]
  value: Address
  onChange: (a: Address) => void
  errors: Record<string, string | undefined>
}) {
  const estates = useMemo(() => [...new Set(buildings.map((b) => b.estate))], [buildings])
  const building = buildings.find((b) => b.id === value.buildingId)
  const [estate, setEstate] = useState<string | null>(building?.estate ?? null)
  const floor = value.room ? Math.floor(Number(value.room) / 100) : null
  const door = value.room ? Number(value.room) % 100 : null
  const inEstate = buildings.filter((b) => b.estate === estate)

  const setRoom = (f: number | null, d: number | null) =>
    onChange({ ...value, room: f && d ? `${f}${String(d).padStart(2, '0')}` : f ? `${f}00` : '' })

  return (
    <View className='address-picker'>
      <Text className='address-picker__label'>小区</Text>
      <Chips
        label='小区'
        columns={2}
        options={estates.map((e) => ({ value: e, label: e }))}
        value={estate}
        onChange={(e) => {
          setEstate(e)
          onChange({ buildingId: null, unit: null, room: '' })
        }}
      />
      {estate ? (
        <>
          <Text className='address-picker__label'>楼栋</Text>
          <Chips
            label='楼栋'
            columns={5}
            options={inEstate.map((b) => ({ value: b.id, label: b.name.slice(estate.length) }))}
            value={value.buildingId}
            onChange={(id) => onChange({ buildingId: id, unit: null, room: '' })}
          />
        </>
      ) : null}
      <FieldError error={errors.buildingId} />
      {building ? (
        <>
          <Text className='address-picker__label'>单元</Text>
          <Chips
            label='单元'
            options={range(building.units).map((u) => ({ value: u, label: `${u}单元` }))}
            value={value.unit}
            onChange={(u) => onChange({ ...value, unit: u })}
          />
          <FieldError error={errors.unit} />
          <Text className='address-picker__label'>楼层</Text>
          <Chips
            label='楼层'
            columns={5}
            options={range(building.floors).map((f) => ({ value: f, label: `${f}层` }))}
            value={floor}
            onChange={(f) => setRoom(f, door)}
          />
          {floor ? (
            <>
              <Text className='address-picker__label'>房号</Text>
              <Chips
                label='房号'
                options={range(building.roomsPerFloor).map((d) => ({ value: d, label: `${floor}${String(d).padStart(2, '0')}室` }))}
                value={door}
                onChange={(d) => setRoom(floor, d)}
              />
            </>
          ) : null}
          <FieldError error={errors.room} />
          <View className='address-picker__result'>
            <Text>
              {building.name}
              {value.unit ? ` ${value.unit}单元` : ''}
              {value.room && door ? ` ${value.room}室` : ''}
            </Text>
            <Text className='address-picker__grid'>属于{building.gridName}</Text>
          </View>
        </>
      ) : null}
    </View>
  )
}

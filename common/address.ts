/** 管道新村3号楼2单元301室, as residents write their address; '' for someone without a registered home. */
export function addressText(p: { building: string | null | undefined; unit: number | null | undefined; room: string | null | undefined }): string {
  return p.building ? `${p.building}${p.unit}单元${p.room}室` : ''
}

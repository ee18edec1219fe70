/**
 * 管道新村3号楼 2单元 301室, as residents write their address, its parts apart so a line breaks between them
 * (shown with the `words` class); '' for someone without a registered home.
 */
export function addressText(p: { building: string | null | undefined; unit: number | null | undefined; room: string | null | undefined }): string {
  return p.building ? `${p.building} ${p.unit}单元 ${p.room}室` : ''
}

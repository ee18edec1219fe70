import type { Role } from '@common/contract'

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  volunteer: '志愿者',
  driver: '班车司机',
  staff: '工作人员',
  admin: '管理员',
}

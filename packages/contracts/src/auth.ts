import { z } from 'zod';
import { PERMISSIONS, ROLES } from '@bianmin/domain';

export const role = z.enum(ROLES);
export const permission = z.enum(PERMISSIONS);

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBody>;

export const me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  centerId: z.number().nullable(),
  centerName: z.string().nullable(),
  staffId: z.number().nullable(),
  roles: z.array(role),
  permissions: z.array(permission),
  mustChangePassword: z.boolean(),
  idleTimeoutMinutes: z.number(),
});
export type Me = z.infer<typeof me>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const health = z.object({
  /**
   * 'disk-full': the embedded database's disk is below its free-space reserve — reads go on,
   * writes are refused with DISK_FULL until space is freed (docs/operations.md).
   */
  status: z.enum(['ok', 'disk-full']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  /** The server's time (every rule reads it), and whether it was moved for a test or demo. */
  now: z.string(),
  clockShifted: z.boolean(),
  /** The newest good backup and whether it is late (docs/operations.md "Backups"). */
  backup: z.object({
    standing: z.enum(['ok', 'late', 'off']),
    lastSuccessAt: z.string().nullable(),
    ageSeconds: z.number().nullable(),
  }),
});
export type Health = z.infer<typeof health>;

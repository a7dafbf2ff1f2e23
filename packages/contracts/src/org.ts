import { z } from 'zod';
import { id, isoDate, isoDateTime, text, version } from './common.ts';
import { role } from './auth.ts';

const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, '只能使用字母、数字、下划线和短横线');

/** Where the center is, as a visitor would look for it (may be left empty). */
const address = z.string().trim().max(200);
/**
 * The service phone, also the number a complaint can be made on: "0571-8468 1234", "(0571) 8468123";
 * empty until entered. The console checks it with the same pattern and words.
 */
export const CENTER_PHONE = {
  pattern: /^$|^(?=.*\d)[\d ()+-]+$/,
  message: '只能使用数字、空格和 + - ( )，如 0571-84681234',
} as const;
const phone = z.string().trim().max(40).regex(CENTER_PHONE.pattern, CENTER_PHONE.message);

export const center = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  address: z.string(),
  phone: z.string(),
  version: z.number(),
  createdAt: isoDateTime,
});
export type Center = z.infer<typeof center>;
export const createCenterBody = z.object({
  code,
  name: text(100),
  region: text(100),
  address: address.default(''),
  phone: phone.default(''),
});
export const updateCenterBody = z.object({
  name: text(100).optional(),
  region: text(100).optional(),
  address: address.optional(),
  phone: phone.optional(),
  version,
});
/** What a center's own admin may change of it: how the public finds and reaches it. */
export const updateCenterContactBody = updateCenterBody.pick({
  address: true,
  phone: true,
  version: true,
});

export const windowUnit = z.object({
  id: z.number(),
  centerId: z.number(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type WindowUnit = z.infer<typeof windowUnit>;
export const createWindowUnitBody = z.object({ code, name: text(100) });
export const updateWindowUnitBody = z.object({
  name: text(100).optional(),
  active: z.boolean().optional(),
  version,
});

export const serviceWindow = z.object({
  id: z.number(),
  centerId: z.number(),
  windowUnitId: z.number(),
  windowUnitName: z.string(),
  number: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type ServiceWindow = z.infer<typeof serviceWindow>;
export const createWindowBody = z.object({ windowUnitId: id, number: text(16), name: text(100) });
export const updateWindowBody = z.object({
  windowUnitId: id.optional(),
  number: text(16).optional(),
  name: text(100).optional(),
  active: z.boolean().optional(),
  version,
});

export const staff = z.object({
  id: z.number(),
  centerId: z.number(),
  staffNo: z.string(),
  name: z.string(),
  position: z.string(),
  windowId: z.number().nullable(),
  windowName: z.string().nullable(),
  supervisorId: z.number().nullable(),
  supervisorName: z.string().nullable(),
  inPostFrom: isoDate,
  inPostTo: isoDate.nullable(),
  version: z.number(),
});
export type Staff = z.infer<typeof staff>;
export const createStaffBody = z.object({
  staffNo: code,
  name: text(50),
  position: text(50),
  windowId: id.nullable().default(null),
  supervisorId: id.nullable().default(null),
  inPostFrom: isoDate,
  inPostTo: isoDate.nullable().default(null),
});
export const updateStaffBody = z.object({
  name: text(50).optional(),
  position: text(50).optional(),
  windowId: id.nullable().optional(),
  supervisorId: id.nullable().optional(),
  inPostFrom: isoDate.optional(),
  inPostTo: isoDate.nullable().optional(),
  version,
});
export const staffQuery = z.object({
  centerId: id.optional(),
  q: z.string().trim().max(50).optional(),
  includeLeft: z.enum(['true', 'false']).optional(),
});

export const user = z.object({
  id: z.number(),
  centerId: z.number().nullable(),
  username: z.string(),
  displayName: z.string(),
  staffId: z.number().nullable(),
  roles: z.array(role),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: isoDateTime.nullable(),
  version: z.number(),
});
export type User = z.infer<typeof user>;
const username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9_.-]+$/, '只能使用小写字母、数字、点、下划线和短横线');
export const createUserBody = z.object({
  username,
  displayName: text(50),
  password: z.string().min(1).max(200),
  roles: z.array(role).min(1).max(10),
  staffId: id.nullable().default(null),
});
export const updateUserBody = z.object({
  displayName: text(50).optional(),
  roles: z.array(role).min(1).max(10).optional(),
  staffId: id.nullable().optional(),
  version,
});
export const resetPasswordBody = z.object({ newPassword: z.string().min(1).max(200), version });
export const versionBody = z.object({ version });

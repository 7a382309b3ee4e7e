/**
 * Bearer-token authentication of an enrolled device. The token never expires offline; it stops working only when
 * revoked (or the member has left the team). last_seen is written at most once a minute per device.
 */
import { createMiddleware } from 'hono/factory';
import type { Store } from '../db';
import { communeHamletIds, findDeviceByTokenHash, touchDevice } from '../db';
import { ApiFailure } from '../http/errors';
import { isCommuneRole, type Caller } from '../sync/caller';
import { hashSecret } from './secrets';

/** `pushTicket`: set on push requests before authentication, so a group commit can wait for them (group-commit.ts). */
export type AppEnv = { Variables: { caller: Caller; pushTicket?: { release(): void } } };
const TOUCH_EVERY_MS = 60_000;

export function deviceAuth(store: Store, now: () => number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
    if (!header) throw new ApiFailure('unauthorized', 'Thiết bị chưa đăng ký (thiếu mã thiết bị)');
    if (!match) throw new ApiFailure('unauthorized', 'Mã thiết bị không hợp lệ');
    const device = await findDeviceByTokenHash(store, hashSecret(match[1]!));
    if (!device) throw new ApiFailure('unauthorized', 'Mã thiết bị không hợp lệ');
    if (device.revoked) throw new ApiFailure('unauthorized', 'Thiết bị này đã bị thu hồi; hãy đăng ký lại bằng mã mới');
    if (device.member.status === 'left') throw new ApiFailure('unauthorized', 'Thành viên đã rời tổ');
    const nowMs = now();
    if (device.lastSeenAt === null || nowMs - device.lastSeenAt > TOUCH_EVERY_MS) {
      await touchDevice(store, device.deviceId, nowMs, c.req.header('x-app-version')?.slice(0, 40) ?? null);
    }
    const caller: Caller = {
      deviceId: device.deviceId, memberId: device.member.id, communeId: device.communeId, role: device.member.role,
      hamletIds: device.member.hamletIds,
    };
    // A commune leader may name any hamlet of the commune, and only those (few devices: one small query each).
    if (isCommuneRole(caller)) caller.communeHamletIds = await communeHamletIds(store, caller.communeId);
    c.set('caller', caller);
    await next();
  });
}

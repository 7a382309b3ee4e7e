/**
 * POST /api/v1/enrol — trade a one-time code for a device token. Rate limited per client address; the code is
 * spent in the same transaction that creates the device, so a code works exactly once.
 */
import { Hono, type Context } from 'hono';
import { uuidv7 } from '../../src/shared/ids';
import { EnrolRequest, type EnrolResponse } from '../../src/shared/protocol';
import type { Member } from '../../src/shared/schema';
import { vnDate } from '../../src/shared/report';
import { AttemptLimiter } from '../auth/rate-limit';
import { hashSecret, newDeviceToken } from '../auth/secrets';
import { redeemEnrolCode, type Store } from '../db';
import { readJsonBody } from '../http/body';
import { ApiFailure, zodIssues } from '../http/errors';

const ENROL_BODY_MAX_BYTES = 4096;
const REFUSED = {
  unknown: 'Mã đăng ký không đúng',
  used: 'Mã đăng ký này đã được dùng; xin tổ trưởng mã mới',
  expired: 'Mã đăng ký đã hết hạn; xin tổ trưởng mã mới',
  member_gone: 'Thành viên có mã này đã rời tổ hoặc không còn trong danh sách; xin tổ trưởng mã mới',
} as const;

export function enrolRoutes(store: Store, limiter: AttemptLimiter, clientKey: (c: Context) => string, now: () => number) {
  const app = new Hono();
  app.post('/', async (c) => {
    const nowMs = now();
    const key = clientKey(c);
    const waitMs = limiter.attempt(key, nowMs);
    if (waitMs > 0) {
      c.header('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new ApiFailure('rate_limited', `Thử quá nhiều lần; hãy đợi ${Math.ceil(waitMs / 60_000)} phút rồi thử lại`);
    }
    const response = await enrolOne(store, c, nowMs);
    limiter.succeeded(key, nowMs); // only refused attempts count: the phones at one cultural house share its address
    return c.json(response, 201);
  });
  return app;
}

async function enrolOne(store: Store, c: Context, nowMs: number): Promise<EnrolResponse> {
  const parsed = EnrolRequest.safeParse(await readJsonBody(c, ENROL_BODY_MAX_BYTES, { gzip: false }));
  if (!parsed.success) throw new ApiFailure('bad_request', 'Yêu cầu đăng ký không hợp lệ', zodIssues(parsed.error));
  const token = newDeviceToken();
  const deviceId = uuidv7(nowMs);
  const today = vnDate(nowMs);
  const result = await redeemEnrolCode(store, hashSecret(parsed.data.code), nowMs, { id: deviceId, name: parsed.data.deviceName, tokenHash: hashSecret(token) },
    (code): Member => ({
      id: uuidv7(nowMs), communeId: code.communeId, name: parsed.data.deviceName, role: code.role, hamletIds: code.hamletIds,
      phone: null, joinedOn: today, leftOn: null, status: 'approved',
    }));
  if (!result.ok) throw new ApiFailure('unauthorized', REFUSED[result.reason]);
  return { deviceId, token, member: result.member, commune: result.commune, hamlets: result.hamlets };
}

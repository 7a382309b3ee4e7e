/**
 * Leader endpoints: POST /api/v1/codes (issue an enrolment code for their scope), GET /api/v1/devices and
 * POST /api/v1/devices/:id/revoke (the team's phones). Hamlet leaders see and manage only their hamlets' members.
 */
import { Hono } from 'hono';
import { IssueCodeRequest, type IssueCodeResponse } from '../../src/shared/admin-protocol';
import type { AppEnv } from '../auth/device-auth';
import { issueEnrolCode } from '../auth/issue-code';
import { getMember, listDevices, listHamlets, revokeDevice, type Store } from '../db';
import { readJsonBody } from '../http/body';
import { ApiFailure, zodIssues } from '../http/errors';
import { isCommuneRole, isLeader, mayGrant, type Caller } from '../sync/caller';

const LEADERS_ONLY = 'Chỉ tổ trưởng, tổ phó được dùng chức năng này';

function requireLeader(caller: Caller): void {
  if (!isLeader(caller)) throw new ApiFailure('forbidden', LEADERS_ONLY);
}

const seesMember = (caller: Caller, hamletIds: string[]) => isCommuneRole(caller) || hamletIds.some((h) => caller.hamletIds.includes(h));

export function teamRoutes(store: Store, now: () => number) {
  const app = new Hono<AppEnv>();
  app.post('/codes', async (c) => {
    const caller = c.get('caller');
    requireLeader(caller);
    const parsed = IssueCodeRequest.safeParse(await readJsonBody(c, 4096, { gzip: false }));
    if (!parsed.success) throw new ApiFailure('bad_request', 'Yêu cầu cấp mã không hợp lệ', zodIssues(parsed.error));
    let { role, hamletIds = [] } = parsed.data;
    const memberId = parsed.data.memberId ?? null;
    if (memberId) {
      const member = await getMember(store, memberId);
      if (!member || member.communeId !== caller.communeId) throw new ApiFailure('not_found', 'Không tìm thấy thành viên');
      ({ role, hamletIds } = member);
    }
    const known = new Set((await listHamlets(store, caller.communeId)).map((h) => h.id));
    if (!hamletIds.every((h) => known.has(h))) throw new ApiFailure('forbidden', 'Bản không thuộc xã của bạn');
    if (!isCommuneRole({ role: role! }) && hamletIds.length === 0) throw new ApiFailure('bad_request', 'Cần chọn ít nhất một bản', [{ path: 'hamletIds', message: 'Trống' }]);
    if (!mayGrant(caller, role!, hamletIds)) throw new ApiFailure('forbidden', 'Không được cấp mã cho vai trò hoặc bản này');
    const response: IssueCodeResponse = await issueEnrolCode(store, { communeId: caller.communeId, memberId, role: role!, hamletIds, createdBy: caller.memberId }, now());
    return c.json(response, 201);
  });

  app.get('/devices', async (c) => {
    const caller = c.get('caller');
    requireLeader(caller);
    const devices = (await listDevices(store, caller.communeId)).filter((d) => seesMember(caller, d.hamletIds));
    return c.json({ devices });
  });

  app.post('/devices/:id/revoke', async (c) => {
    const caller = c.get('caller');
    requireLeader(caller);
    const device = (await listDevices(store, caller.communeId)).find((d) => d.id === c.req.param('id'));
    if (!device || !seesMember(caller, device.hamletIds)) throw new ApiFailure('not_found', 'Không tìm thấy thiết bị');
    if (!isCommuneRole(caller) && !mayGrant(caller, device.role, device.hamletIds) && device.memberId !== caller.memberId) {
      throw new ApiFailure('forbidden', 'Không được thu hồi thiết bị của người này');
    }
    const revoked = await revokeDevice(store, device.id, now(), caller.communeId);
    return c.json({ id: device.id, revoked: revoked || device.revokedAt !== null });
  });
  return app;
}

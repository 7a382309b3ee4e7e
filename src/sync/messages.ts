/** What went wrong, in plain words for the volunteer (Vietnamese first, English second). */
export type SyncProblem =
  | 'offline' | 'timeout' | 'server' | 'rate_limited' | 'unauthorized' | 'forbidden' | 'not_enrolled'
  | 'too_large' | 'bad_response' | 'bad_request' | 'storage';

export const SYNC_MESSAGES: Record<SyncProblem, { vi: string; en: string }> = {
  offline: {
    vi: 'Không kết nối được máy chủ. Dữ liệu vẫn an toàn trên máy, sẽ tự gửi khi có mạng.',
    en: 'Could not reach the server. Your data is safe on this phone and will be sent when there is a connection.',
  },
  timeout: {
    vi: 'Mạng quá chậm, hết thời gian chờ. Sẽ thử lại với gói nhỏ hơn.',
    en: 'The connection is too slow and timed out. Will retry with smaller batches.',
  },
  server: { vi: 'Máy chủ đang gặp sự cố. Sẽ thử lại sau.', en: 'The server has a problem. Will try again later.' },
  rate_limited: { vi: 'Máy chủ đang bận. Sẽ thử lại sau ít phút.', en: 'The server is busy. Will try again in a few minutes.' },
  unauthorized: {
    vi: 'Thiết bị này đã bị thu hồi hoặc chưa đăng ký. Hãy xin mã đăng ký mới từ tổ trưởng.',
    en: 'This device was revoked or is not enrolled. Ask your team leader for a new enrolment code.',
  },
  forbidden: { vi: 'Tài khoản không có quyền với thôn/bản này.', en: 'Your account may not access this hamlet.' },
  not_enrolled: { vi: 'Thiết bị chưa đăng ký với tổ, chưa thể đồng bộ.', en: 'This device is not enrolled yet; nothing to sync.' },
  too_large: { vi: 'Một mục quá lớn, máy chủ không nhận.', en: 'An item is too large for the server.' },
  bad_response: { vi: 'Máy chủ trả lời không đúng định dạng. Hãy cập nhật ứng dụng.', en: 'The server answered in an unexpected format. Please update the app.' },
  bad_request: { vi: 'Máy chủ từ chối yêu cầu.', en: 'The server refused the request.' },
  storage: {
    vi: 'Không ghi được dữ liệu vào bộ nhớ của máy (có thể bộ nhớ đã đầy). Hãy giải phóng bộ nhớ rồi đồng bộ lại.',
    en: 'Could not write to this phone\'s storage (it may be full). Free some space and sync again.',
  },
};

/**
 * The HTTP app: /api/v1 (health, enrol, sync push/pull, leader endpoints, reports) and, optionally, the built web app.
 * A factory, so tests and benchmarks run it in-process against any store.
 */
import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { announcePush, type Store } from './db';
import { deviceAuth, type AppEnv } from './auth/device-auth';
import { AttemptLimiter, type RateLimit } from './auth/rate-limit';
import { ApiFailure, errorResponse } from './http/errors';
import { staticSite } from './http/static';
import { enrolRoutes } from './routes/enrol';
import { pullRoutes } from './routes/pull';
import { pushRoutes } from './routes/push';
import { teamRoutes } from './routes/team';
import { reportRoutes } from './reports/routes';

export interface AppDeps {
  store: Store;
  /** Reported by /health (package version). */
  version?: string;
  /** Clock in ms (tests pass a fake one to expire codes). */
  now?: () => number;
  /** Enrolment attempts per client address; default 10 per 15 minutes. */
  enrolRateLimit?: RateLimit;
  /** Push body cap after decompression; default PUSH_BODY_MAX_BYTES. */
  pushBodyMaxBytes?: number;
  /** Serve this directory (the Vite build) for non-API paths, with SPA fallback. */
  staticDir?: string;
  /** Use X-Forwarded-For for the rate-limit key (only behind a trusted reverse proxy). */
  trustProxy?: boolean;
  /** Called with unexpected errors (default console.error). */
  onUnexpectedError?: (err: unknown) => void;
}

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // The last entry is the one our proxy added (the address it saw); anything before it came from the phone and could
    // be made up to dodge the enrolment limit. Caddy sends only that one entry; nginx and others append it.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (app.request) have no socket
  }
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();
  const limiter = new AttemptLimiter(deps.enrolRateLimit ?? { max: 10, windowMs: 15 * 60_000 });
  const auth = deviceAuth(deps.store, now);

  app.use('/api/*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', c.res.headers.get('cache-control') ?? 'no-store');
  });
  app.get('/api/v1/health', (c) => c.json({ ok: true, version: deps.version ?? '0.0.0', db: deps.store.kind }));
  app.route('/api/v1/enrol', enrolRoutes(deps.store, limiter, (c) => clientAddress(c, deps.trustProxy ?? false), now));
  app.use('/api/v1/sync/push', async (c, next) => {
    // Counted from the first byte, before authentication: see announcePush in server/db/group-commit.ts.
    const ticket = announcePush(deps.store);
    c.set('pushTicket', ticket);
    try { await next(); } finally { ticket.release(); }
  });
  app.use('/api/v1/sync/*', auth);
  app.route('/api/v1/sync/push', pushRoutes(deps.store, { bodyMaxBytes: deps.pushBodyMaxBytes, now }));
  app.route('/api/v1/sync/pull', pullRoutes(deps.store, now));
  app.use('/api/v1/codes', auth);
  app.use('/api/v1/devices', auth);
  app.use('/api/v1/devices/*', auth);
  app.route('/api/v1', teamRoutes(deps.store, now));
  app.route('/api/v1/reports', reportRoutes(deps.store, auth, now));
  app.all('/api/*', () => {
    throw new ApiFailure('not_found', 'Không có địa chỉ API này');
  });
  if (deps.staticDir) {
    const site = staticSite(deps.staticDir);
    app.on(['GET', 'HEAD'], '*', site);
  }

  app.onError((err, c) => {
    if (err instanceof ApiFailure) return errorResponse(c, err);
    // Body-stream errors from a client that went away are not server faults.
    if ((err as { code?: string }).code === 'ECONNRESET' || err.name === 'AbortError') {
      return errorResponse(c, new ApiFailure('bad_request', 'Kết nối bị ngắt giữa chừng'));
    }
    (deps.onUnexpectedError ?? ((e) => console.error('[tung-nha] unexpected error', e)))(err);
    return errorResponse(c, new ApiFailure('internal', 'Lỗi máy chủ; dữ liệu chưa được ghi, hãy thử lại sau'));
  });
  app.notFound((c) => (c.req.path.startsWith('/api/')
    ? errorResponse(c, new ApiFailure('not_found', 'Không có địa chỉ API này'))
    : c.text('Không tìm thấy (404)', 404)));
  return app;
}

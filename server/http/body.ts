/**
 * Reading request bodies with hard caps. The raw body is read as a stream and cut off at the cap; a gzip body is
 * inflated with `maxOutputLength`, so a zip bomb stops at the cap (413) instead of filling memory.
 */
import { isUtf8 } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Context } from 'hono';
import { ApiFailure } from './errors';

/** Inflating runs on libuv's thread pool: the event loop keeps reading and validating other phones' pushes meanwhile.
 *  Output in 256 KB pieces (a 200-visit batch inflates to ~150 KB): with zlib's default 16 KB, the per-piece callbacks
 *  and copies cost the event loop more than inflating synchronously did (D-I5). */
const gunzipAsync = promisify(gunzip);
const INFLATE_CHUNK_BYTES = 256 * 1024;

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function readCapped(c: Context, capBytes: number): Promise<Buffer> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > capBytes) throw new ApiFailure('too_large', `Dữ liệu gửi lên quá lớn (tối đa ${MB(capBytes)})`);
  const stream = c.req.raw.body;
  if (!stream) return Buffer.alloc(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    // A phone that loses signal mid-upload aborts the stream: a client problem, answered (if anyone listens) as 400.
    const { done, value } = await reader.read().catch(() => {
      throw new ApiFailure('bad_request', 'Kết nối bị ngắt khi đang gửi dữ liệu; hãy gửi lại');
    });
    if (done) break;
    total += value.byteLength;
    if (total > capBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ApiFailure('too_large', `Dữ liệu gửi lên quá lớn (tối đa ${MB(capBytes)})`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts, total);
}

/** Reads a JSON body: checks the media type and encoding, the size before and after inflating, and parses it. */
export async function readJsonBody(c: Context, capBytes: number, opts: { gzip: boolean }): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiFailure('unsupported_media_type', 'Cần gửi JSON (Content-Type: application/json)');
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && !(opts.gzip && encoding === 'gzip')) {
    throw new ApiFailure('unsupported_media_type', `Không hỗ trợ mã hóa nội dung "${encoding}" (chỉ gzip)`);
  }
  let bytes = await readCapped(c, capBytes);
  if (encoding === 'gzip') {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: capBytes, chunkSize: INFLATE_CHUNK_BYTES });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new ApiFailure('too_large', `Dữ liệu sau khi giải nén vượt quá ${MB(capBytes)}`);
      }
      throw new ApiFailure('bad_request', 'Dữ liệu gzip bị hỏng');
    }
  }
  let value: unknown;
  try {
    // Same as a fatal TextDecoder (invalid UTF-8 is refused, a leading BOM dropped) at a fraction of its cost on
    // Node 20, where it was ~5 % of the server's CPU under a burst of pushes.
    if (!isUtf8(bytes)) throw new Error('invalid UTF-8');
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const text = buf.toString('utf8');
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    throw new ApiFailure('bad_request', 'JSON không hợp lệ (malformed JSON)');
  }
  return storableJson(value);
}

/** Deeper than any body we send (a push is ≈ 6 levels); recursive code (hashing, stringify) must never meet more. */
export const JSON_MAX_DEPTH = 32;
// NUL, and a UTF-16 surrogate without its pair ("\ud800" is valid JSON): PostgreSQL refuses both in text and jsonb,
// so one such string would break every later query that reads its row. A surrogate pair is matched first and kept.
const SUSPECT = /[\uD800-\uDFFF\u0000]/;
const UNSTORABLE = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF\u0000]/g;
const cleanString = (s: string) => (SUSPECT.test(s) ? s.replace(UNSTORABLE, (m) => (m.length === 2 ? m : '\uFFFD')) : s);
/** An own data property, even for a key such as "__proto__" (JSON.parse makes those own properties too). */
const put = (obj: object, key: string, value: unknown) => Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });

/**
 * What every JSON body goes through before validation: nesting deeper than JSON_MAX_DEPTH is a 400 (the parser
 * allows any depth; our hashing would overflow the stack), and characters no database can store are replaced by
 * U+FFFD in every string and key, the same way each time, so that a resent batch hashes the same. Iterative.
 */
export function storableJson(root: unknown): unknown {
  if (typeof root === 'string') return cleanString(root);
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > JSON_MAX_DEPTH) throw new ApiFailure('bad_request', `Dữ liệu lồng nhau quá sâu (tối đa ${JSON_MAX_DEPTH} cấp)`);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === 'string') node[i] = cleanString(v);
        else if (v !== null && typeof v === 'object') stack.push([v, depth + 1]);
      }
      continue;
    }
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      const k = cleanString(key);
      const clean = typeof v === 'string' ? cleanString(v) : v;
      if (k !== key) delete obj[key];
      if (k !== key || clean !== v) put(obj, k, clean);
      if (clean !== null && typeof clean === 'object') stack.push([clean, depth + 1]);
    }
  }
  return root;
}

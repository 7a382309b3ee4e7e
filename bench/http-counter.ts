/**
 * Counts HTTP/1.1 requests in the client→server byte stream of one TCP connection, without changing a byte.
 * The link proxy works on raw TCP so that it counts exactly what crosses the wire (request line, headers,
 * compressed body); this small parser only tells where one request ends and the next begins
 * (Content-Length or chunked bodies). If it ever loses track, it says so instead of guessing.
 */
const CRLFCRLF = Buffer.from('\r\n\r\n');

type State =
  | { kind: 'head' }
  | { kind: 'body'; left: number }
  | { kind: 'chunkSize' }
  | { kind: 'chunkData'; left: number }
  | { kind: 'trailer' }
  | { kind: 'lost' };

export class HttpRequestCounter {
  requests = 0;
  lost = false;
  private state: State = { kind: 'head' };
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.lost) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    // Bounded work per chunk: every iteration consumes bytes or waits for more.
    for (;;) {
      const s = this.state;
      if (s.kind === 'lost') return;
      if (s.kind === 'body' || s.kind === 'chunkData') {
        if (this.pending.length === 0) return;
        const take = Math.min(s.left, this.pending.length);
        this.pending = this.pending.subarray(take);
        const left = s.left - take;
        if (left > 0) { this.state = { ...s, left }; return; }
        this.state = s.kind === 'body' ? { kind: 'head' } : { kind: 'chunkSize' };
        if (s.kind === 'chunkData') this.pendingCrlf = true;
        continue;
      }
      if (s.kind === 'chunkSize' || s.kind === 'trailer') {
        if (this.pendingCrlf) {
          if (this.pending.length < 2) return;
          this.pending = this.pending.subarray(2);
          this.pendingCrlf = false;
        }
        const eol = this.pending.indexOf('\r\n');
        if (eol < 0) { if (this.pending.length > 1024) this.lose(); return; }
        const line = this.pending.subarray(0, eol).toString('latin1');
        this.pending = this.pending.subarray(eol + 2);
        if (s.kind === 'trailer') { if (line === '') this.state = { kind: 'head' }; continue; }
        const size = parseInt(line.split(';')[0]!.trim(), 16);
        if (!Number.isFinite(size) || size < 0) { this.lose(); return; }
        this.state = size === 0 ? { kind: 'trailer' } : { kind: 'chunkData', left: size };
        continue;
      }
      // head
      const end = this.pending.indexOf(CRLFCRLF);
      if (end < 0) { if (this.pending.length > 64 * 1024) this.lose(); return; }
      const head = this.pending.subarray(0, end).toString('latin1');
      this.pending = this.pending.subarray(end + 4);
      if (!/^[A-Z]+ \S+ HTTP\/1\.[01]/.test(head)) { this.lose(); return; }
      this.requests++;
      const te = /\r\ntransfer-encoding:\s*([^\r]*)/i.exec(head)?.[1] ?? '';
      const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      if (/chunked/i.test(te)) this.state = { kind: 'chunkSize' };
      else if (cl && Number(cl) > 0) this.state = { kind: 'body', left: Number(cl) };
      else this.state = { kind: 'head' };
    }
  }

  private pendingCrlf = false;

  private lose(): void {
    this.lost = true;
    this.state = { kind: 'lost' };
    this.pending = Buffer.alloc(0);
  }
}

// Minimal typings for the benchmark's use of PouchDB and express-pouchdb (they ship none).
declare module 'pouchdb-core' {
  interface ReplicationResult { ok: boolean; docs_read: number; docs_written: number; doc_write_failures: number; errors: unknown[] }
  interface Db {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    destroy(): Promise<void>;
    replicate: { to(target: Db | string, opts?: { batch_size?: number; batches_limit?: number }): Promise<ReplicationResult> };
  }
  interface PouchStatic {
    new (name: string, opts?: { adapter?: string; fetch?: (url: string, init?: RequestInit) => Promise<Response> }): Db;
    plugin(p: unknown): PouchStatic;
    defaults(opts: { adapter?: string }): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' { const p: unknown; export default p; }
declare module 'pouchdb-adapter-memory' { const p: unknown; export default p; }
declare module 'pouchdb-mapreduce' { const p: unknown; export default p; }
declare module 'pouchdb-replication' { const p: unknown; export default p; }
declare module 'express' {
  import type { Server } from 'node:http';
  type Handler = (...args: unknown[]) => void;
  interface App { use(path: string, h: Handler): void; listen(port: number, host: string, cb: () => void): Server }
  const express: () => App;
  export default express;
}
declare module 'express-pouchdb' {
  const expressPouchdb: (pouch: unknown, opts?: Record<string, unknown>) => (...args: unknown[]) => void;
  export default expressPouchdb;
}

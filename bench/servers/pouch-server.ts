/**
 * A CouchDB-protocol server for the comparison: express-pouchdb (the PouchDB project's CouchDB-compatible
 * server) on an in-memory adapter (memdown; no native leveldown build). In-memory storage flatters it — it never
 * waits for a disk — so the comparison errs in PouchDB's favour. Responses are gzip-compressed (express-pouchdb
 * uses the `compression` middleware), as a CouchDB behind a proxy would be. Prints "LISTENING <port>".
 */
import express from 'express';
import expressPouchdb from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import adapterHttp from 'pouchdb-adapter-http';
import adapterMemory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

PouchDB.plugin(adapterMemory).plugin(adapterHttp).plugin(mapreduce).plugin(replication);
const ServerPouch = PouchDB.defaults({ adapter: 'memory' });
const app = express();
const logDir = mkdtempSync(join(tmpdir(), 'tungnha-pouch-'));
const logPath = join(logDir, 'log.txt');
app.use('/', expressPouchdb(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath }));
const server = app.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
// Bounded: exit with the bench (stdin closes) and on SIGTERM, leaving no log directory behind.
process.on('exit', () => rmSync(logDir, { recursive: true, force: true }));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));

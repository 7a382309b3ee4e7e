/**
 * `npm test`: every test, in order — unit, server (SQLite and PostgreSQL), end-to-end in Chromium.
 * Finds what it needs or says exactly what to run. Exits non-zero on any failure. Ends with one line
 * "total: N passed, N failed" that CI reads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

interface Tally { name: string; passed: number; failed: number; skipped: number; ok: boolean }
const tallies: Tally[] = [];
/** Failed tests, named again in the summary: CI keeps only the tail of the output. */
const failures: string[] = [];
const firstLine = (m: unknown): string => stripVTControlCharacters(String(m ?? '')).trim().split('\n')[0]!.slice(0, 300);
const out = mkdtempSync(join(tmpdir(), 'tungnha-test-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function vitestProject(project: string): void {
  const file = join(out, `${project}.json`);
  const ok = run(npx, ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const json = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  for (const f of json?.testResults ?? []) {
    const where = relative(process.cwd(), f.name);
    for (const a of f.assertionResults ?? []) {
      if (a.status === 'failed') failures.push(`${project}: ${where} › ${a.fullName} — ${firstLine(a.failureMessages?.[0])}`);
    }
    if (f.status === 'failed' && !(f.assertionResults ?? []).some((a: { status: string }) => a.status === 'failed')) failures.push(`${project}: ${where} — ${firstLine(f.message)}`);
  }
  tallies.push({
    name: project, ok: ok && !!json,
    passed: json?.numPassedTests ?? 0, failed: json ? json.numFailedTests : 1, skipped: json?.numPendingTests ?? 0,
  });
}

function checkSystem(): string[] {
  const problems: string[] = [];
  const pgBin = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].some((d) => existsSync(join(d, 'initdb')));
  if (!pgBin && !process.env.DATABASE_URL) problems.push('PostgreSQL is missing: run `sudo apt-get install -y postgresql` (or set DATABASE_URL to a test database).');
  const chromium = existsSync('/usr/bin/chromium') || existsSync('/usr/bin/chromium-browser') || process.env.PLAYWRIGHT_CHROMIUM;
  if (!chromium) problems.push('Chromium is missing: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`.');
  return problems;
}

function e2e(): void {
  const file = join(out, 'e2e.json');
  if (!run(npx, ['vite', 'build'])) { tallies.push({ name: 'e2e (build)', ok: false, passed: 0, failed: 1, skipped: 0 }); return; }
  const ok = run(npx, ['playwright', 'test', '-c', 'tests/e2e', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const json = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  const s = json?.stats;
  collectE2eFailures(json?.suites ?? []);
  tallies.push({ name: 'e2e', ok: ok && !!s, passed: s?.expected ?? 0, failed: s ? s.unexpected : 1, skipped: s?.skipped ?? 0 });
}

interface PwSuite { title: string; suites?: PwSuite[]; specs?: { title: string; file: string; line: number; ok: boolean; tests: { results: { error?: { message?: string } }[] }[] }[] }
function collectE2eFailures(suites: PwSuite[]): void {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests.flatMap((t) => t.results).find((r) => r.error)?.error?.message;
      const group = suite.title === spec.file ? '' : `${suite.title} › `; // a file's top suite is titled by the file
      failures.push(`e2e: ${spec.file}:${spec.line} › ${group}${spec.title} — ${firstLine(error)}`);
    }
    collectE2eFailures(suite.suites ?? []);
  }
}

const problems = checkSystem();
for (const p of problems) console.error(`\n!!! ${p}`);
vitestProject('unit');
vitestProject('server');
e2e();
rmSync(out, { recursive: true, force: true });

console.log('\n── Từng Nhà test summary ──');
for (const t of tallies) console.log(`${t.ok ? 'ok  ' : 'FAIL'} ${t.name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
for (const f of failures) console.log(`  ✗ ${f}`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
const allOk = tallies.every((t) => t.ok) && failed === 0;
if (problems.length) console.log(problems.map((p) => `note: ${p}`).join('\n'));
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);

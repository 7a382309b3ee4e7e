/** What the figures were measured on: they mean little without it. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromiumPath } from '../browser/chromium';

export interface Machine { cpu: string; cores: number; memoryGiB: number; node: string; os: string; date: string; browser?: string }

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${os.platform()} ${os.release()}, ${os.arch()})`;
  } catch { /* not Linux: fall through */ }
  return `${os.platform()} ${os.release()} (${os.arch()})`;
}

/** The browser's own version: the browser figures moved 3× between two hosts of this workplace (docs/benchmarks.md §2). */
function browserVersion(): string | undefined {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, node: process.version, os: osName(),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), browser: browserVersion(),
  };
}

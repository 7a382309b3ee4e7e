/** What the figures were measured on: they mean little without it. */
import os from 'node:os';
import { readFileSync } from 'node:fs';

export interface Machine { cpu: string; cores: number; memoryGiB: number; node: string; os: string; date: string }

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${os.platform()} ${os.release()}, ${os.arch()})`;
  } catch { /* not Linux: fall through */ }
  return `${os.platform()} ${os.release()} (${os.arch()})`;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, node: process.version, os: osName(),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

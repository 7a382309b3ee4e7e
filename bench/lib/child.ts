/**
 * Servers under test run in their own process (their CPU is not the client's CPU, as on a real link).
 * Each child is bounded: it is killed when the bench finishes, when the bench dies (stdin closes), or after
 * `maxLifetimeMs`. Only processes started here are ever killed, by their pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface Child { port: number; proc: ChildProcess; stdout(): string; log(): string; stop(): Promise<void> }

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Starts `node --import tsx script`; resolves once `ready(port)` succeeds or a LISTENING <port> line is printed. */
export async function startChild(script: string, opts: {
  env?: NodeJS.ProcessEnv; args?: string[]; nodeArgs?: string[]; port?: number; ready?: (port: number) => Promise<boolean>;
  timeoutMs?: number; maxLifetimeMs?: number; label?: string;
} = {}): Promise<Child> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', script, ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  let out = '';
  const keep = (d: Buffer) => { log = (log + d.toString()).slice(-4000); };
  proc.stderr!.on('data', keep);
  proc.stdout!.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-256_000); });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  };
  const lifetime = setTimeout(() => void stop(), opts.maxLifetimeMs ?? 15 * 60_000);
  lifetime.unref();
  proc.once('exit', () => clearTimeout(lifetime));
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (why: string) => { void stop(); reject(new Error(`${opts.label ?? script}: ${why}\n${log}`)); };
    const timer = setTimeout(() => fail('not ready in time'), opts.timeoutMs ?? 60_000);
    proc.once('exit', (code) => { clearTimeout(timer); fail(`exited early (${code})`); });
    proc.stdout!.on('data', (d: Buffer) => {
      keep(d);
      const m = /LISTENING (\d+)/.exec(out);
      if (m && !opts.ready) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    if (opts.ready && opts.port) {
      const poll = async () => {
        if (proc.exitCode !== null) return;
        if (await opts.ready!(opts.port!).catch(() => false)) { clearTimeout(timer); resolve(opts.port!); } else setTimeout(poll, 200);
      };
      void poll();
    }
  });
  return { port, proc, stdout: () => out, log: () => log, stop };
}

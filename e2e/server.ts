// Starts the real Luchuang server (`node bin/luchuang.mjs serve`) on a free port with a fresh
// data directory, waits until /api/health answers 200, and stops it again.
// Set E2E_BASE_URL to run the journeys against a server that is already running instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ADMIN_USERNAME = 'admin';
// The bootstrap admin password; it must satisfy the password policy (which rejects passwords
// containing the username, so it must not contain "admin").
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'E2e-Bureau-Pass-2026';

// A first start seeds 5,000 synthetic organisations, every module's demo data and evaluates them all.
const HEALTH_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningServer {
  baseUrl: string;
  /** The server's stdout and stderr so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, as in a power cut (fault tests); the data directory stays. */
  kill: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess | null, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode} before it was healthy.\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`GET ${baseUrl}/api/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}).\n${output()}`);
}

/**
 * Starts a server on a new data directory: a copy of `template` (a data directory a server
 * has already started on, so its first start — migrations, 5,000 demo organisations and their
 * evaluation — is done once per run, not once per journey file), or an empty one.
 * `keepData` leaves the directory in place after stop (for making such a template).
 */
export async function startServer(opts: { template?: string; dataDir?: string; keepData?: boolean } = {}): Promise<RunningServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    const baseUrl = external.replace(/\/$/, '');
    await waitForHealth(baseUrl, null, () => '');
    return { baseUrl, output: () => '', stop: async () => undefined, kill: async () => { throw new Error('cannot kill a server started elsewhere (E2E_BASE_URL)'); } };
  }

  if (!existsSync(join(ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/web/index.html is missing: run `node scripts/ensure-web-build.mjs` first (npm run test:e2e does).');
  }

  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'luchuang-e2e-'));
  if (opts.template) cpSync(opts.template, dataDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['bin/luchuang.mjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LUCHUANG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SEED_DEMO: 'true',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const output = () => log;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };

  try {
    await waitForHealth(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop, kill };
}

// Two bot instances on one PostgreSQL database, on this machine: what a deployment behind a load
// balancer looks like (README "Several instances", docs/postgresql.md). Run:
//   DATABASE_URL=postgres://user:password@127.0.0.1:5432/writeoff npm run two-instances
// Both are `npm start` with the same configuration (the environment and ./.env), instance a on
// PORT+1 and b on PORT+2 (PORT defaults to 3000). In HTTP mode (Slack credentials set) a small
// round-robin balancer on PORT sends each request to an instance whose /healthz answers 200, as a
// load balancer would: point Slack's Request URL (or your tunnel) at PORT. In Socket Mode Slack
// spreads events over both connections itself; without Slack credentials each instance serves its
// own sandbox page (docs/sandbox.md) on its port, both on the one ledger. Ctrl-C stops both.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnvFile } from '../src/config/env-file.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEALTH_EVERY_MS = 2000;

loadEnvFile(process.cwd(), process.env);
const env = (name: string) => (process.env[name] ?? '').trim();
if (!/^postgres(ql)?:\/\//i.test(env('DATABASE_URL'))) {
  console.error(
    'two-instances: set DATABASE_URL=postgres://user:password@host:5432/writeoff (a database ' +
      "created with CREATE DATABASE writeoff TEMPLATE template0 LOCALE_PROVIDER libc LOCALE 'C.UTF-8'; docs/postgresql.md)",
  );
  process.exit(2);
}
const base = Number(env('PORT') || 3000);
const mode = env('SLACK_BOT_TOKEN') === '' ? 'sandbox' : env('SLACK_APP_TOKEN') ? 'socket' : 'http';

interface Instance {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  healthy: boolean;
}

function start(name: string, port: number): Instance {
  const child = spawn(process.execPath, [join(ROOT, 'src/start.mjs')], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${name} │ ${line}\n`);
    });
  }
  const instance: Instance = { name, port, child, healthy: false };
  child.once('exit', (code, signal) => {
    instance.healthy = false;
    if (!stopping)
      console.log(`${name} │ exited (${signal ?? code}); the other instance serves on`);
  });
  return instance;
}

async function checkHealth(instance: Instance): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${instance.port}/healthz`, {
      signal: AbortSignal.timeout(1500),
    });
    instance.healthy = response.status === 200;
  } catch {
    instance.healthy = false;
  }
  return instance.healthy;
}

async function untilHealthy(instance: Instance): Promise<void> {
  while (!(await checkHealth(instance))) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Round robin over the healthy instances; 503 when none is. */
function balancer(instances: readonly Instance[]) {
  let next = 0;
  return createServer((req, res) => {
    const healthy = instances.filter((i) => i.healthy);
    const target = healthy[next++ % Math.max(1, healthy.length)];
    if (target === undefined) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no healthy instance\n');
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
}

let stopping = false;
const instances: Instance[] = [];
const stop = () => {
  stopping = true;
  for (const i of instances) i.child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5000).unref();
  Promise.all(instances.map((i) => new Promise((r) => i.child.once('exit', r)))).then(() =>
    process.exit(0),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

// a first: it migrates an empty database (b would wait on the same advisory lock) and, in the
// sandbox, fills it with demo data once.
instances.push(start('a', base + 1));
await untilHealthy(instances[0] as Instance);
instances.push(start('b', base + 2));
await untilHealthy(instances[1] as Instance);
setInterval(() => void Promise.all(instances.map(checkHealth)), HEALTH_EVERY_MS);
if (mode === 'http') {
  balancer(instances).listen(base, () => {
    console.log(
      `two-instances: balancer on http://127.0.0.1:${base}/slack/events → a :${base + 1}, b :${base + 2}`,
    );
  });
} else if (mode === 'socket') {
  console.log(`two-instances: Socket Mode; /healthz on :${base + 1} (a) and :${base + 2} (b)`);
} else {
  console.log(
    `two-instances: no Slack credentials; sandbox pages http://127.0.0.1:${base + 1} (a) and http://127.0.0.1:${base + 2} (b), one ledger`,
  );
}

// A closed-loop load generator on its own thread, so that the clients do not compete with the
// server for its event loop. Plain JavaScript: worker threads do not inherit the TypeScript loader.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const { kind, concurrency, total } = workerData;

function httpRunner() {
  const { base, headers, paths } = workerData;
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return (n) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: paths[n % paths.length], headers: Array.isArray(headers) ? headers[n % headers.length] : headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for ${paths[n % paths.length]}`))));
      });
      req.on('error', reject);
      req.end();
    });
}

function sqlRunner() {
  const pool = new pg.Pool({ connectionString: workerData.connectionString, max: concurrency });
  const run = async () => {
    const client = await pool.connect();
    try {
      for (const q of workerData.queries) await client.query(q.sql, q.parameters);
    } finally {
      client.release();
    }
  };
  run.close = () => pool.end();
  return run;
}

const run = kind === 'http' ? httpRunner() : sqlRunner();
// Warm-up: every client once, not measured.
await Promise.all(Array.from({ length: concurrency }, (_, i) => run(i)));
parentPort.postMessage({ type: 'warm' });
await new Promise((resolve) => parentPort.once('message', resolve));
const latencies = new Float64Array(total);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const n = next++;
      const start = performance.now();
      await run(n);
      latencies[n] = performance.now() - start;
    }
  }),
);
const elapsedMs = performance.now() - started;
await run.close?.();
parentPort.postMessage({ type: 'done', latencies, elapsedMs });

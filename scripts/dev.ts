/**
 * `npm run dev`: the API server under `tsx watch` (restarts on server changes) and the Vite dev
 * server (hot reload of the web app, /api proxied to the server, see vite.config.ts).
 * Open http://localhost:5173. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const API_PORT = '3000';
const WEB_URL = 'http://localhost:5173';

if (process.env.PORT && process.env.PORT !== API_PORT) {
  console.warn(`PORT=${process.env.PORT} is ignored by npm run dev: vite.config.ts proxies /api to port ${API_PORT}.`);
}

const env = {
  ...process.env,
  PORT: API_PORT,
  // Links in mails (invitations, password resets) open the dev server, not the API port.
  PUBLIC_URL: process.env.PUBLIC_URL ?? WEB_URL,
};

// The package binaries run directly (no npx or shell in between), so stopping them reaches the real process.
const bin = (name: string) => path.join('node_modules', '.bin', name);
const children: ChildProcess[] = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts'], { stdio: 'inherit', env }),
  spawn(bin('vite'), [], { stdio: 'inherit', env }),
];

let stopping = false;
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) {
  child.on('exit', (code) => stopAll(code ?? 1));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

console.log(`Starting the API server on port ${API_PORT} and the web dev server at ${WEB_URL} …`);

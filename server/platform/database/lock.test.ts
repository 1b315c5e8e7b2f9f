import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onlyOn } from '../../test/database';
import { openDatabase } from './connection';
import { DataDirLockedError } from './lock';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited, as a crashed server leaves in its lock file. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number.parseInt(child.stdout, 10);
}

describe('embedded folder lock', { timeout: 300_000, ...onlyOn(['pglite'], 'the lock guards the embedded folder, which a database server does not have: it runs once, in the PGlite run') }, () => {
  it('refuses a second open of the same folder with a clear message, and allows it once closed', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`The embedded database in ${dir} is already open in this process`);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, 'hamsafar.lock'))).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('refuses a folder held by another live process, naming it', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'hamsafar.lock'), String(holder.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
        `The embedded database in ${dir} is in use by another Hamsafar process (pid ${holder.pid}). ` +
          'Stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.',
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dir = tempDir();
    const lockFile = path.join(dir, 'hamsafar.lock');
    fs.writeFileSync(lockFile, String(deadPid()));
    const handle = await openDatabase({ dataDir: dir });
    try {
      expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    } finally {
      await handle.close();
    }
  });
});

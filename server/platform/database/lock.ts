import fs from 'node:fs';
import path from 'node:path';

/** PGlite corrupts its folder when two processes open it, so the embedded folder is held by one process. */
export class DataDirLockedError extends Error {}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process holds: a second open in the same process must fail too, not take the lock over. */
const heldHere = new Set<string>();

export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'hamsafar.lock');
  if (heldHere.has(lockFile)) {
    throw new DataDirLockedError(
      `The embedded database in ${dir} is already open in this process (pid ${process.pid}). ` +
        'Close it first: the embedded database can be opened once at a time.',
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldHere.add(lockFile);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockFile);
        fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by another Hamsafar process (pid ${holder}). ` +
            'Stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.',
        );
      }
      // The holder died without releasing the lock: take it over.
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}`);
}

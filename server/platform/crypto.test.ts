import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/database';
import { createNetwork } from '../seed/networks';
import { KeyRing } from './crypto';
import type { DatabaseHandle } from './database/connection';
import type { Executor } from './database/tenant';

/** The network data keys are wrapped by the first master key that reads them, so the file shares one. */
const masterKey = randomBytes(32);
let database: DatabaseHandle;
let db: Executor;
let networkA: string;
let networkB: string;
beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  networkA = await createNetwork(db, { code: 'CRA', nameEn: 'A', nameUr: 'الف' });
  networkB = await createNetwork(db, { code: 'CRB', nameEn: 'B', nameUr: 'ب' });
});
afterAll(() => database.close());

function tamper(sealed: string): string {
  const parts = sealed.split('.');
  const body = Buffer.from(parts[3], 'base64url');
  body[0] ^= 0x01;
  parts[3] = body.toString('base64url');
  return parts.join('.');
}

describe('network encryption', () => {
  it('decrypts what it encrypted, text and bytes, with a fresh IV each time', async () => {
    const cipher = await new KeyRing(masterKey).forNetwork(db, networkA);
    const sealed = cipher.encrypt('فاطمہ بی بی, Lahore');
    expect(sealed).not.toContain('Lahore');
    expect(cipher.decrypt(sealed)).toBe('فاطمہ بی بی, Lahore');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
    expect(cipher.decryptBytes(cipher.encryptBytes(Buffer.from([0, 1, 2, 255])))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(cipher.encrypt(null)).toBeNull();
  });

  it('refuses a tampered ciphertext, and one of another network', async () => {
    const ring = new KeyRing(masterKey);
    const a = await ring.forNetwork(db, networkA);
    const b = await ring.forNetwork(db, networkB);
    const sealed = a.encrypt('case notes');
    expect(() => a.decrypt(tamper(sealed))).toThrow();
    expect(() => b.decrypt(sealed)).toThrow();
    expect(() => a.decrypt('v0.garbage')).toThrow('Unrecognised ciphertext format');
  });

  it('gives a blind index that is stable within a network and differs across networks', async () => {
    const a = await new KeyRing(masterKey).forNetwork(db, networkA);
    const aAgain = await new KeyRing(masterKey).forNetwork(db, networkA);
    const b = await new KeyRing(masterKey).forNetwork(db, networkB);
    expect(a.blindIndex('cnic:3520212345671')).toBe(aAgain.blindIndex('cnic:3520212345671'));
    expect(a.blindIndex('cnic:3520212345671')).not.toBe(a.blindIndex('cnic:3520212345672'));
    expect(a.blindIndex('cnic:3520212345671')).not.toBe(b.blindIndex('cnic:3520212345671'));
  });

  // Rotation re-wraps every network's keys, so it gets a database of its own (slow to start on a busy machine).
  it('keeps data readable after the master key is rotated, and the old key no longer opens the data keys', { timeout: 180_000 }, async () => {
    const rotationDb = await freshDatabase();
    try {
      const networkId = await createNetwork(rotationDb.db, { code: 'ROT', nameEn: 'R', nameUr: 'ر' });
      const oldKey = randomBytes(32);
      const newKey = randomBytes(32);
      const ring = new KeyRing(oldKey);
      const before = await ring.forNetwork(rotationDb.db, networkId);
      const sealed = before.encrypt('survivor testimony');
      const index = before.blindIndex('name:amina');
      expect(await ring.rotateMasterKey(rotationDb.db, newKey)).toBe(1);
      const after = await new KeyRing(newKey).forNetwork(rotationDb.db, networkId);
      expect(after.decrypt(sealed)).toBe('survivor testimony');
      expect(after.blindIndex('name:amina')).toBe(index);
      expect((await ring.forNetwork(rotationDb.db, networkId)).decrypt(sealed)).toBe('survivor testimony');
      await expect(new KeyRing(oldKey).forNetwork(rotationDb.db, networkId)).rejects.toThrow();
    } finally {
      await rotationDb.close();
    }
  });
});

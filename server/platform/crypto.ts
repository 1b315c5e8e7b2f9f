import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from './database/tenant';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unrecognised ciphertext format');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}

export function parseMasterKey(encoded: string): Buffer {
  const key = Buffer.from(encoded.trim(), 'base64');
  if (key.length !== 32) throw new Error('The master key must be 32 bytes, base64-encoded (openssl rand -base64 32).');
  return key;
}

/** The master key from MASTER_KEY, or from the key file, which is created on first start. */
export function loadMasterKey(options: { masterKey?: string; masterKeyFile: string }): Buffer {
  if (options.masterKey) return parseMasterKey(options.masterKey);
  if (!fs.existsSync(options.masterKeyFile)) {
    fs.mkdirSync(path.dirname(options.masterKeyFile), { recursive: true });
    fs.writeFileSync(options.masterKeyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return parseMasterKey(fs.readFileSync(options.masterKeyFile, 'utf8'));
}

/** Encryption and blind indexing with one network's data keys. */
export class NetworkCipher {
  constructor(
    readonly networkId: string,
    private readonly dataKey: Buffer,
    private readonly indexKey: Buffer,
  ) {}

  encrypt(plaintext: string): string;
  encrypt(plaintext: string | null | undefined): string | null;
  encrypt(plaintext: string | null | undefined): string | null {
    if (plaintext === null || plaintext === undefined) return null;
    return seal(this.dataKey, Buffer.from(plaintext, 'utf8'), this.networkId);
  }

  decrypt(sealed: string): string;
  decrypt(sealed: string | null | undefined): string | null;
  decrypt(sealed: string | null | undefined): string | null {
    if (sealed === null || sealed === undefined) return null;
    return open(this.dataKey, sealed, this.networkId).toString('utf8');
  }

  encryptBytes(plaintext: Buffer): Buffer {
    return Buffer.from(seal(this.dataKey, plaintext, this.networkId), 'utf8');
  }

  decryptBytes(sealed: Buffer): Buffer {
    return open(this.dataKey, sealed.toString('utf8'), this.networkId);
  }

  /** Keyed hash for exact look-up of an encrypted value; normalise the value before calling. */
  blindIndex(normalised: string): string {
    return createHmac('sha256', this.indexKey).update(normalised, 'utf8').digest('hex');
  }
}

/**
 * Per-network data keys, wrapped by the master key. Rotating the master key re-wraps them
 * without touching the data they encrypt.
 */
export class KeyRing {
  private readonly ciphers = new Map<string, NetworkCipher>();

  constructor(private masterKey: Buffer) {}

  async forNetwork(db: Executor, networkId: string): Promise<NetworkCipher> {
    const cached = this.ciphers.get(networkId);
    if (cached) return cached;
    let row = await db.selectFrom('network_keys').selectAll().where('network_id', '=', networkId).executeTakeFirst();
    const created = !row;
    if (!row) {
      await db
        .insertInto('network_keys')
        .values({
          network_id: networkId,
          wrapped_data_key: seal(this.masterKey, randomBytes(32), `data:${networkId}`),
          wrapped_index_key: seal(this.masterKey, randomBytes(32), `index:${networkId}`),
        })
        .onConflict((oc) => oc.column('network_id').doNothing())
        .execute();
      row = await db.selectFrom('network_keys').selectAll().where('network_id', '=', networkId).executeTakeFirstOrThrow();
    }
    const cipher = new NetworkCipher(
      networkId,
      open(this.masterKey, row.wrapped_data_key, `data:${networkId}`),
      open(this.masterKey, row.wrapped_index_key, `index:${networkId}`),
    );
    // A key created inside a transaction that may still roll back is not cached: the next call
    // reads it again once committed, so nothing is ever encrypted under a key that was not kept.
    if (!created) this.ciphers.set(networkId, cipher);
    return cipher;
  }

  /** Re-wraps every network's data keys under a new master key, in one transaction. */
  async rotateMasterKey(db: Executor, newMasterKey: Buffer): Promise<number> {
    const count = await db.transaction().execute(async (trx) => {
      const networks = await trx.selectFrom('network_keys').select('network_id').orderBy('network_id').execute();
      // Locked one network at a time, always in the same order: on Citus a row lock works on one network's shard only.
      for (const { network_id: id } of networks) {
        const row = await trx.selectFrom('network_keys').selectAll().where('network_id', '=', id).forUpdate().executeTakeFirstOrThrow();
        await trx
          .updateTable('network_keys')
          .set({
            wrapped_data_key: seal(newMasterKey, open(this.masterKey, row.wrapped_data_key, `data:${id}`), `data:${id}`),
            wrapped_index_key: seal(newMasterKey, open(this.masterKey, row.wrapped_index_key, `index:${id}`), `index:${id}`),
            rewrapped_at: new Date(),
          })
          .where('network_id', '=', id)
          .execute();
      }
      return networks.length;
    });
    this.masterKey = newMasterKey;
    this.ciphers.clear();
    return count;
  }
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

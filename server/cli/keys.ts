import fs from 'node:fs';
import { KeyRing, loadMasterKey, parseMasterKey } from '../platform/crypto';
import { CliError, withDatabase, type CommandContext } from './context';

/**
 * Re-wraps every network's data keys under a new master key. In key-file mode the new key is
 * installed in MASTER_KEY_FILE and the previous one kept beside it as `.previous`, because
 * backups taken before the rotation still need it; with MASTER_KEY the operator updates it.
 */
export async function rotateMasterKeyCommand(ctx: CommandContext, options: { newKeyFile: string }): Promise<number> {
  const { config } = ctx;
  if (!fs.existsSync(options.newKeyFile)) throw new CliError(`No file ${options.newKeyFile}. Create one with: openssl rand -base64 32 > ${options.newKeyFile}`);
  let newKey: Buffer;
  try {
    newKey = parseMasterKey(fs.readFileSync(options.newKeyFile, 'utf8'));
  } catch (error) {
    throw new CliError(`${options.newKeyFile}: ${(error as Error).message}`);
  }
  const currentText = config.masterKey ?? (fs.existsSync(config.masterKeyFile) ? fs.readFileSync(config.masterKeyFile, 'utf8') : null);
  if (currentText === null) throw new CliError(`No current master key: set MASTER_KEY or MASTER_KEY_FILE (looked for ${config.masterKeyFile}).`);
  const currentKey = loadMasterKey(config);
  if (currentKey.equals(newKey)) throw new CliError('The new key is the current key.');
  return withDatabase(config, async (db) => {
    const ring = new KeyRing(currentKey);
    const count = await ring.rotateMasterKey(db, newKey);
    // Prove the new key opens every network's keys before the old one is put aside.
    const networks = await db.selectFrom('network_keys').select('network_id').execute();
    const check = new KeyRing(newKey);
    for (const n of networks) await check.forNetwork(db, n.network_id);
    ctx.out.info(`Re-wrapped the data keys of ${count} network(s) under the new master key.`);
    if (config.masterKey) {
      ctx.out.info('MASTER_KEY is set in the environment: replace it with the content of the new key file before the next start.');
    } else {
      const previous = `${config.masterKeyFile}.previous`;
      fs.writeFileSync(previous, currentText, { mode: 0o600 });
      const staging = `${config.masterKeyFile}.new`;
      fs.writeFileSync(staging, newKey.toString('base64') + '\n', { mode: 0o600 });
      fs.renameSync(staging, config.masterKeyFile);
      ctx.out.info(`Installed the new key in ${config.masterKeyFile}. The previous key is in ${previous}:`);
      ctx.out.info('  move it offline with the backups taken before now (they need it), and delete it from this machine.');
    }
    return 0;
  });
}

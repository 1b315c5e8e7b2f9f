import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createAdminCommand, createNetworkCommand, createOrganisationCommand, resetPasswordCommand } from './accounts';
import { verifyAuditCommand } from './audit';
import { backupCommand, restoreCommand, type BackupFormat } from './backup';
import type { Config } from '../config';
import { CliError, type CommandContext, type Output } from './context';
import { rotateMasterKeyCommand } from './keys';
import { distributeCommand, migrateCommand, seedDemoCommand } from './setup';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  summary: string;
  usage: string;
  details: string;
  options: Options;
  required: string[];
  run(ctx: CommandContext, values: Values): Promise<number>;
}

const str = (values: Values, name: string) => values[name] as string;
const optional = (values: Values, name: string) => values[name] as string | undefined;

const EMBEDDED_NOTE =
  'In embedded mode (no DATABASE_URL) the command opens DATA_DIR itself, which only one process may do: stop the server first.';

export const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'Apply the database migrations that have not run yet',
    usage: 'migrate',
    details: 'The server also migrates at start; run this to migrate before a deployment switches over.',
    options: {},
    required: [],
    run: (ctx) => migrateCommand(ctx),
  },
  distribute: {
    summary: 'Distribute the schema over a Citus cluster (run on the coordinator, after migrate)',
    usage: 'distribute [--shard-count N]',
    details:
      'Makes networks and the reference data reference tables, distributes every tenant table by network_id co-located with ' +
      'organisations, and keeps jobs, job_schedules and the migration tables on the coordinator; foreign keys in the way are ' +
      'lifted and created again in the same transaction. Works on an empty or a restored database; a second run changes nothing. ' +
      '--shard-count sets the shards of the new co-location group (default: the server\'s citus.shard_count). ' +
      'Later migrations place the tables they create by themselves.',
    options: { 'shard-count': { type: 'string' } },
    required: [],
    run: (ctx, v) => {
      const shardCount = optional(v, 'shard-count');
      if (shardCount !== undefined && !/^[1-9]\d*$/.test(shardCount)) throw new CliError('--shard-count must be a positive whole number.');
      return distributeCommand(ctx, { shardCount: shardCount === undefined ? undefined : Number(shardCount) });
    },
  },
  'seed-demo': {
    summary: 'Load the demo network of Pakistan, unless it exists already',
    usage: 'seed-demo',
    details: 'Creates the demo organisations and one user per role (password printed). Never run it on a production database.',
    options: {},
    required: [],
    run: (ctx) => seedDemoCommand(ctx),
  },
  'create-network': {
    summary: 'Create a network (a tenant) with the built-in roles',
    usage: 'create-network --code PAK --name-en "Pakistan UN Network on Migration" --name-ur "…"',
    details: 'A fresh production install has no network: create it, then create-organisation and create-admin.',
    options: { code: { type: 'string' }, 'name-en': { type: 'string' }, 'name-ur': { type: 'string' } },
    required: ['code', 'name-en', 'name-ur'],
    run: (ctx, v) => createNetworkCommand(ctx, { code: str(v, 'code'), nameEn: str(v, 'name-en'), nameUr: str(v, 'name-ur') }),
  },
  'create-organisation': {
    summary: 'Create an organisation in a network (e.g. the secretariat, for the first admin)',
    usage:
      'create-organisation --network PAK --name-en "International Organization for Migration" --name-ur "…" --type un_entity --htcds-type NGO [--acronym IOM] [--province PK-IS]',
    details: 'Types: government, un_entity, civil_society, international_partner, academia, private_sector, donor.',
    options: {
      network: { type: 'string' },
      'name-en': { type: 'string' },
      'name-ur': { type: 'string' },
      acronym: { type: 'string' },
      type: { type: 'string' },
      'htcds-type': { type: 'string' },
      province: { type: 'string' },
    },
    required: ['network', 'name-en', 'name-ur', 'type', 'htcds-type'],
    run: (ctx, v) =>
      createOrganisationCommand(ctx, {
        network: str(v, 'network'),
        nameEn: str(v, 'name-en'),
        nameUr: str(v, 'name-ur'),
        acronym: optional(v, 'acronym'),
        type: str(v, 'type'),
        htcdsType: str(v, 'htcds-type'),
        province: optional(v, 'province'),
      }),
  },
  'create-admin': {
    summary: 'Create a network admin (secretariat) account',
    usage: 'create-admin --network PAK --email admin@example.org --name "Full Name" --organisation <id, name or acronym> [--password …]',
    details: 'Without --password, a one-time password is generated and printed once.',
    options: {
      network: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      password: { type: 'string' },
    },
    required: ['network', 'email', 'name', 'organisation'],
    run: (ctx, v) =>
      createAdminCommand(ctx, {
        network: str(v, 'network'),
        email: str(v, 'email'),
        name: str(v, 'name'),
        organisation: str(v, 'organisation'),
        password: optional(v, 'password'),
      }),
  },
  'reset-password': {
    summary: 'Set a new random password for an account, unlock it and end its sessions',
    usage: 'reset-password --email user@example.org [--network PAK] [--password …]',
    details: 'Prints the new password once. --network is needed when the e-mail has accounts in several networks.',
    options: { email: { type: 'string' }, network: { type: 'string' }, password: { type: 'string' } },
    required: ['email'],
    run: (ctx, v) => resetPasswordCommand(ctx, { email: str(v, 'email'), network: optional(v, 'network'), password: optional(v, 'password') }),
  },
  'verify-audit': {
    summary: 'Check the hash chain of every network\'s audit trail',
    usage: 'verify-audit',
    details: 'Prints one line per network. Exit code 0 when every chain holds, 1 when one is broken (naming its first broken seq).',
    options: {},
    required: [],
    run: (ctx) => verifyAuditCommand(ctx),
  },
  backup: {
    summary: 'Write a backup of the database to a new file',
    usage: 'backup --out FILE [--format pglite|pg_dump|sql]',
    details:
      'Default: embedded mode writes a PGlite archive of the data folder (.tar.gz); PostgreSQL mode runs pg_dump when it is on PATH, ' +
      'else writes a Hamsafar SQL dump. --format sql writes a Hamsafar SQL dump in either mode, which restores into either mode ' +
      '(to move a trial onto a PostgreSQL server). Back up the master key and DATA_DIR/files separately.',
    options: { out: { type: 'string' }, format: { type: 'string' } },
    required: ['out'],
    run: (ctx, v) => {
      const format = optional(v, 'format');
      if (format !== undefined && !['pglite', 'pg_dump', 'sql'].includes(format)) throw new CliError('--format must be pglite, pg_dump or sql.');
      return backupCommand(ctx, { out: str(v, 'out'), format: format as BackupFormat | undefined });
    },
  },
  restore: {
    summary: 'Restore a backup into an empty database',
    usage: 'restore --in FILE [--force]',
    details:
      'Recognises the format from the file. Refuses a target that holds data unless --force (PostgreSQL: drops the tables of the public schema; ' +
      'embedded: moves the old pgdata folder aside). A pg_dump file needs psql on PATH. On a Citus coordinator the restored schema is then distributed, as distribute does.',
    options: { in: { type: 'string' }, force: { type: 'boolean' } },
    required: ['in'],
    run: (ctx, v) => restoreCommand(ctx, { in: str(v, 'in'), force: v.force === true }),
  },
  'rotate-master-key': {
    summary: 'Re-wrap every network\'s data keys under a new master key',
    usage: 'rotate-master-key --new-key-file FILE',
    details:
      'Create the key with `openssl rand -base64 32 > FILE`. Stop every server first (they cache the keys). In key-file mode the new key ' +
      'replaces MASTER_KEY_FILE and the old one is kept as MASTER_KEY_FILE.previous for older backups; with MASTER_KEY, update the variable.',
    options: { 'new-key-file': { type: 'string' } },
    required: ['new-key-file'],
    run: (ctx, v) => rotateMasterKeyCommand(ctx, { newKeyFile: str(v, 'new-key-file') }),
  },
};

export function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'Hamsafar admin CLI',
    '',
    'Usage: npm run cli -- <command> [options]',
    '       npm run cli -- <command> --help',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'The database is chosen as by the server: DATABASE_URL for PostgreSQL, else the embedded database in DATA_DIR (./data).',
    EMBEDDED_NOTE,
  ].join('\n');
}

export function commandHelp(name: string): string {
  const c = COMMANDS[name];
  return [`${c.summary}.`, '', `Usage: npm run cli -- ${c.usage}`, '', c.details, EMBEDDED_NOTE].join('\n');
}

/** Runs one command line; returns the process exit code. The configuration is read only when a command runs, so --help works without it. */
export async function runCli(argv: string[], out: Output, config: () => Config): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.info(generalHelp());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.error(`Unknown command "${name}".\n\n${generalHelp()}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.info(commandHelp(name));
    return 0;
  }
  try {
    const values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as Values;
    const missing = command.required.filter((o) => values[o] === undefined || values[o] === '');
    if (missing.length) {
      out.error(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n\n${commandHelp(name)}`);
      return 1;
    }
    return await command.run({ config: config(), out }, values);
  } catch (error) {
    if (error instanceof CliError) {
      out.error(error.message);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options with this code.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`${(error as Error).message}\n\n${commandHelp(name)}`);
      return 1;
    }
    throw error;
  }
}

import { PLATFORM_NETWORK_ID, verifyAuditChains } from '../platform/audit/chain';
import { currentMigration } from '../platform/database/migrate';
import { CliError, withDatabase, type CommandContext } from './context';

/** Walks every network's audit chain; exit code 1 when a link is broken. */
export async function verifyAuditCommand(ctx: CommandContext): Promise<number> {
  return withDatabase(ctx.config, async (db) => {
    if (!(await currentMigration(db))) throw new CliError('This database has no Hamsafar tables yet (run migrate, or point DATABASE_URL / DATA_DIR at the right one).');
    const reports = await verifyAuditChains(db);
    const codes = new Map((await db.selectFrom('networks').select(['id', 'code']).execute()).map((n) => [n.id, n.code]));
    if (reports.length === 0) ctx.out.info('No audit entries yet.');
    let broken = 0;
    for (const report of reports) {
      const name = report.networkId === PLATFORM_NETWORK_ID ? 'platform (events of no network)' : (codes.get(report.networkId) ?? report.networkId);
      if (report.firstBroken) {
        broken++;
        ctx.out.error(`BROKEN  ${name}: ${report.entries} entries read; first broken link at seq ${report.firstBroken.seq}: ${report.firstBroken.reason}`);
      } else {
        ctx.out.info(`OK      ${name}: ${report.entries} entries, chain intact`);
      }
    }
    if (broken > 0) ctx.out.error(`${broken} of ${reports.length} audit chains are broken: the audit trail was altered outside the application.`);
    return broken > 0 ? 1 : 0;
  });
}

import { sql } from 'kysely';
import type { Executor } from './database/tenant';

export type JobHandler = (payload: Record<string, unknown>, db: Executor) => Promise<void>;

const LEASE_SECONDS = 300;

/**
 * Scheduled and queued work, kept in the database: a restart loses nothing, and because a job is
 * claimed with FOR UPDATE SKIP LOCKED, two servers on one PostgreSQL never run the same job twice.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly pollMs: number,
    private readonly onError: (error: unknown, kind: string) => void = () => {},
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Runs `kind` every `intervalSeconds`, across all servers sharing the database. */
  every(kind: string, intervalSeconds: number, handler: JobHandler): void {
    this.register(kind, handler);
    this.schedules.set(kind, intervalSeconds);
  }

  async enqueue(
    db: Executor,
    kind: string,
    payload: Record<string, unknown>,
    options: { runAt?: Date; dedupeKey?: string } = {},
  ): Promise<void> {
    await db
      .insertInto('jobs')
      .values({
        kind,
        payload: JSON.stringify(payload),
        run_at: options.runAt ?? new Date(),
        dedupe_key: options.dedupeKey ?? null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.runDue()
        .then(() => undefined)
        .catch((error) => this.onError(error, 'poll'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Turns due schedules into jobs, then runs every due job once. Returns how many ran. */
  async runDue(): Promise<number> {
    await this.releaseSchedules();
    let ran = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return ran;
      ran++;
      const handler = this.handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
        await handler(job.payload, this.db);
        await this.db
          .updateTable('jobs')
          .set({ status: 'done', finished_at: new Date(), locked_until: null })
          .where('id', '=', job.id)
          .execute();
      } catch (error) {
        this.onError(error, job.kind);
        const failedForGood = job.attempts >= job.max_attempts;
        await this.db
          .updateTable('jobs')
          .set({
            status: failedForGood ? 'failed' : 'pending',
            last_error: String((error as Error)?.message ?? error),
            locked_until: null,
            // Back off: 30 s, 2 min, 8 min…
            run_at: new Date(Date.now() + 30_000 * 4 ** (job.attempts - 1)),
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
  }

  private async releaseSchedules(): Promise<void> {
    for (const [kind, interval] of this.schedules) {
      await this.db
        .insertInto('job_schedules')
        .values({ kind, interval_seconds: interval, next_run_at: new Date() })
        .onConflict((oc) => oc.column('kind').doUpdateSet({ interval_seconds: interval }))
        .execute();
      // Only the server whose UPDATE moves next_run_at forward enqueues the run.
      const claimed = await this.db
        .updateTable('job_schedules')
        .set({ next_run_at: sql`now() + make_interval(secs => ${interval})` })
        .where('kind', '=', kind)
        .where('next_run_at', '<=', sql<Date>`now()`)
        .returning('kind')
        .executeTakeFirst();
      if (claimed) await this.enqueue(this.db, kind, {});
    }
  }

  private async claim() {
    return this.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: sql`attempts + 1`,
        locked_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'pending'), w('run_at', '<=', sql<Date>`now()`)]),
              // A server that died mid-job leaves it running past its lease: take it over.
              w.and([w('status', '=', 'running'), w('locked_until', '<', sql<Date>`now()`)]),
            ]),
          )
          .orderBy('run_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }
}

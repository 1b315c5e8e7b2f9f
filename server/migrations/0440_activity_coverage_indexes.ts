import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the activities map and gap matrix (activities/coverage-repository.ts). The map sums
 * each activity's reached people: a partial index holding just those cells, in activity order, is
 * read alone (index-only) and grouped without a sort or a hash spilling to disk (at 100,000
 * activities it halved the district map's query, bench/activities/map.bench.ts). The GCM objective
 * filter (`gcm_objectives @> ARRAY[n]`) finds its activities through a GIN index instead of
 * reading them all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX activity_figures_reached ON activity_figures (network_id, activity_id) INCLUDE (people) WHERE measure = 'reached';
    CREATE INDEX activities_gcm_objectives ON activities USING gin (gcm_objectives);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}

import type { Kysely } from 'kysely';
import gcm from '../../common/reference/gcm.json';
import sdg from '../../common/reference/sdg-targets.json';
import mptf from '../../common/reference/migration-mptf.json';
import pakistan from '../../common/reference/pakistan.json';

/** Reference facts from common/reference (GCM, SDG, Migration MPTF, ISO 3166-2:PK). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('gcm_objectives').values(gcm.objectives.map((o) => ({ number: o.number, title: o.title }))).execute();
  await db
    .insertInto('gcm_guiding_principles')
    .values(gcm.guiding_principles.map((title, i) => ({ number: i + 1, title })))
    .execute();
  await db.insertInto('sdg_targets').values(sdg.targets.map((t) => ({ code: t.code, title: t.title }))).execute();
  await db.insertInto('sdg_indicators').values(sdg.indicators.map((t) => ({ code: t.code, title: t.title }))).execute();
  await db.insertInto('mmptf_thematic_areas').values(mptf.thematic_areas.map((t) => ({ number: t.number, title: t.title }))).execute();
  await db
    .insertInto('budget_categories')
    .values(mptf.budget_categories_unsdg.map((title, i) => ({ number: i + 1, title })))
    .execute();
  await db.insertInto('subdivisions').values(pakistan.subdivisions.map((s) => ({ iso: s.iso, name: s.name, type: s.type }))).execute();
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}

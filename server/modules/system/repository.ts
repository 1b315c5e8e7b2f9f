import type { Executor } from '../../platform/database/tenant';

export async function referenceData(db: Executor) {
  const [gcmObjectives, gcmGuidingPrinciples, sdgTargets, thematicAreas, budgetCategories, subdivisions] = await Promise.all([
    db.selectFrom('gcm_objectives').selectAll().orderBy('number').execute(),
    db.selectFrom('gcm_guiding_principles').selectAll().orderBy('number').execute(),
    db.selectFrom('sdg_targets').selectAll().orderBy('code').execute(),
    db.selectFrom('mmptf_thematic_areas').selectAll().orderBy('number').execute(),
    db.selectFrom('budget_categories').selectAll().orderBy('number').execute(),
    db.selectFrom('subdivisions').selectAll().orderBy('iso').execute(),
  ]);
  return { gcmObjectives, gcmGuidingPrinciples, sdgTargets, thematicAreas, budgetCategories, subdivisions };
}

/** Kysely types of the fund module's tables (see server/migrations). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FundTables {}

/** Kysely types of the protection module's tables (see server/migrations). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProtectionTables {}

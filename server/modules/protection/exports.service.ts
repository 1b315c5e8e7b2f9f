import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { HTCDS_ATTRIBUTION, HTCDS_EXPORT_COLUMNS } from '../../../common/htcds';
import { organisationFilter, requireAccess } from '../../platform/access';
import { Permission } from '../../../common/permissions';
import { STAT_DIMENSIONS, type StatsQuery } from '../../../common/schemas/protection';
import type { RequestContext } from '../../platform/context';
import { scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { msg } from './messages';
import { renderPdf, type DocumentSection } from './documents';
import * as repo from './repository';
import { caseQuery, personOf, reachCase } from './service';
import { ageAt, ageBand, publishedStats, SMALL_CELL, WHOLE_CASE, WITHHELD } from './stats';
import { csvCell } from '../../platform/csv';

// ---------- dashboard counts ----------

/**
 * Counts for dashboards, from consented cases only. Small counts are withheld, and so is every
 * count from which one could be worked out (see `publishedStats`); so every dimension's cells
 * are read, not only the one asked for.
 */
export async function protectionStats(ctx: RequestContext, query: z.infer<typeof StatsQuery>) {
  requireAccess(ctx.actor, Permission.ProtectionStatsRead);
  if (query.dimension !== 'month') {
    // Other dimensions are published by calendar year, so that two ranges never differ by a month.
    if (query.from !== undefined && query.from.slice(5) !== '01-01') throw AppError.field('from', 'Counts by this dimension are published by calendar year: start the range on 1 January.');
    if (query.to !== undefined && query.to.slice(5) !== '12-31') throw AppError.field('to', 'Counts by this dimension are published by calendar year: end the range on 31 December.');
  }
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const cells = (await Promise.all(STAT_DIMENSIONS.map((dimension) => repo.statCells(q, dimension, WHOLE_CASE)))).flat();
  return {
    dimension: query.dimension,
    items: publishedStats(cells, query.dimension, { from: query.from, to: query.to }),
    note: `Only cases whose consent allows statistical reporting are counted. Counts under ${SMALL_CELL}, and counts from which one could be worked out, are withheld and shown as "${WITHHELD}".`,
  };
}

// ---------- HTCDS CSV and XLSX ----------

type HtcdsRow = Record<(typeof HTCDS_EXPORT_COLUMNS)[number], string>;

async function htcdsRows(ctx: RequestContext, format: 'csv' | 'xlsx'): Promise<HtcdsRow[]> {
  const scope = requireAccess(ctx.actor, Permission.ProtectionExport);
  return caseQuery(ctx, async (tx) => {
    const cipher = tx.cipher;
    const cases = await repo.casesForExport(tx.q, { organisationId: organisationFilter(tx.actor, scope), consentedOnly: false });
    const countries = await repo.journeyCountries(tx.q, cases.map((c) => c.case_id));
    const owners = await repo.userNames(tx.q, [...new Set(cases.map((c) => c.case_owner_user_id).filter((id): id is string => !!id))]);
    const org = await repo.organisation(tx.q, tx.actor.organisationId);
    await tx.audit({ action: `protection.export.htcds_${format}`, entity: 'case', fields: [...HTCDS_EXPORT_COLUMNS] });
    return cases.map((c) => {
      const p = personOf(cipher, c);
      const list = (v: string[]) => v.join(';');
      return {
        cas_CaseNumber: c.reference,
        cas_Status: c.status,
        cas_CaseOwner: c.case_owner_user_id ? (owners.get(c.case_owner_user_id) ?? '') : '',
        org_Name: c.owner_organisation_id === tx.actor.organisationId ? (org?.name_en ?? '') : c.owner_organisation_id,
        cas_ReasonForCaseClosure: cipher.decrypt(c.closure_reason_enc) ?? '',
        prs_FirstName: p.firstName ?? '',
        prs_MiddleName: p.middleName ?? '',
        prs_SecondName: p.secondName ?? '',
        prs_Birthdate: p.birthDate ?? '',
        prs_Gender: p.gender,
        prs_MaritalStatus: p.maritalStatus ?? '',
        prs_PrimaryLanguage: p.primaryLanguage ?? '',
        prs_SecondaryLanguage: p.secondaryLanguage ?? '',
        prs_Citizenship: list(p.citizenship),
        prs_IdentityNumber: p.identityNumber ?? '',
        prs_Email: p.email ?? '',
        prs_MobilePhone: p.phone ?? '',
        prs_MailingCity: p.address?.city ?? '',
        prs_MailingState: p.address?.state ?? '',
        prs_MailingCountry: p.address?.country ?? '',
        vic_AgreementToManagePersonalData: 'true',
        vic_TraffickingStatus: p.traffickingStatus ?? '',
        vic_TraffickingStatusDecisionMakingOrg: p.traffickingStatusDecidedBy ?? '',
        vic_RelationshipToTrafficker: p.relationshipToTrafficker ?? '',
        vic_AgeWhenTrafficked: p.ageWhenTrafficked?.toString() ?? '',
        vic_MethodOfRecruitment: list(p.recruitmentMethods),
        vic_MethodsOfControl: list(p.methodsOfControl),
        vic_TypeOfExploitation: list(p.exploitationTypes),
        vic_ForcedLabourIndustry: p.forcedLabourIndustry ?? '',
        vic_Vulnerabilities: list(p.vulnerabilities),
        per_RoleInProcess: list(p.perpetratorRoles),
        per_RoleDetails: p.perpetratorDetails ?? '',
        hte_Countries: countries.filter((e) => e.case_id === c.case_id).map((e) => `${e.type}:${e.country}`).join(';'),
      };
    });
  });
}

export async function htcdsCsv(ctx: RequestContext): Promise<string> {
  const rows = await htcdsRows(ctx, 'csv');
  const lines = [HTCDS_EXPORT_COLUMNS.join(','), ...rows.map((r) => HTCDS_EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `# ${HTCDS_ATTRIBUTION}\r\n${lines.join('\r\n')}\r\n`;
}

export async function htcdsXlsx(ctx: RequestContext): Promise<Buffer> {
  const rows = await htcdsRows(ctx, 'xlsx');
  const book = new ExcelJS.Workbook();
  book.creator = 'Hamsafar';
  const sheet = book.addWorksheet('HTCDS');
  sheet.columns = HTCDS_EXPORT_COLUMNS.map((c) => ({ header: c, key: c, width: 20 }));
  for (const r of rows) sheet.addRow(r);
  book.addWorksheet('Licence').addRow([HTCDS_ATTRIBUTION]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---------- CTDC-style anonymised dataset ----------

export const K_ANONYMITY = 11;
export const QUASI_IDENTIFIERS = ['gender', 'ageBand', 'citizenship', 'countryOfExploitation', 'exploitationType', 'year'] as const;

/**
 * One row per consented case with only coarse fields. Any combination of the quasi-identifiers
 * shared by fewer than k cases is suppressed whole, and the report says how many were.
 */
export async function anonymisedDataset(ctx: RequestContext) {
  const scope = requireAccess(ctx.actor, Permission.ProtectionExportAnonymised);
  return caseQuery(ctx, async (tx) => {
    const cases = await repo.casesForExport(tx.q, { organisationId: organisationFilter(tx.actor, scope), consentedOnly: true });
    const events = await repo.journeyCountries(tx.q, cases.map((c) => c.case_id));
    const rows = cases.map((c) => ({
      gender: c.gender,
      ageBand: ageBand(ageAt(c.birth_year, String(c.registered_on))),
      citizenship: c.citizenship[0] ?? 'unknown',
      countryOfExploitation: events.find((e) => e.case_id === c.case_id && e.type === 'Exploitation')?.country ?? 'unknown',
      exploitationType: c.exploitation_types[0] ?? 'unknown',
      year: Number(String(c.registered_on).slice(0, 4)),
      traffickingStatus: c.trafficking_status,
      migrationStatus: c.migration_status,
    }));
    const keyOf = (r: (typeof rows)[number]) => QUASI_IDENTIFIERS.map((q) => String(r[q])).join('|');
    const groups = new Map<string, number>();
    for (const r of rows) groups.set(keyOf(r), (groups.get(keyOf(r)) ?? 0) + 1);
    const published = rows.filter((r) => groups.get(keyOf(r))! >= K_ANONYMITY);
    await tx.audit({ action: 'protection.export.anonymised', entity: 'case', fields: [...QUASI_IDENTIFIERS] });
    return {
      k: K_ANONYMITY,
      quasiIdentifiers: [...QUASI_IDENTIFIERS],
      rows: published,
      report: {
        consentedCases: rows.length,
        publishedRows: published.length,
        suppressedRows: rows.length - published.length,
        suppressedGroups: [...groups.values()].filter((n) => n < K_ANONYMITY).length,
      },
      attribution: HTCDS_ATTRIBUTION,
    };
  });
}

export async function anonymisedCsv(ctx: RequestContext): Promise<string> {
  const data = await anonymisedDataset(ctx);
  const columns = [...QUASI_IDENTIFIERS, 'traffickingStatus', 'migrationStatus'];
  const lines = [columns.join(','), ...data.rows.map((r) => columns.map((c) => csvCell(String((r as Record<string, unknown>)[c] ?? ''))).join(','))];
  return `# k=${data.k}; suppressed rows: ${data.report.suppressedRows} of ${data.report.consentedCases}. ${HTCDS_ATTRIBUTION}\r\n${lines.join('\r\n')}\r\n`;
}

// ---------- case PDF ----------

export async function casePdf(ctx: RequestContext, caseId: string): Promise<{ filename: string; pdf: Buffer }> {
  requireAccess(ctx.actor, Permission.ProtectionExportCasePdf);
  return caseQuery(ctx, async (tx) => {
    const { row, access } = await reachCase(tx, caseId, 'read');
    requireAccess(tx.actor, Permission.ProtectionExportCasePdf, { organisationId: row.owner_organisation_id });
    if (access === 'break_glass') throw AppError.forbidden(msg('protection.break-glass.no-exports'));
    const cipher = tx.cipher;
    const p = personOf(cipher, await repo.person(tx.q, row.person_id));
    const journey = await repo.journey(tx.q, caseId);
    const sections: DocumentSection[] = [
      {
        heading: 'Case',
        lines: [['cas_CaseNumber', row.reference], ['cas_Status', row.status], ['Stage', row.stage], ['Risk', row.risk_level], ['Registered', String(row.registered_on)]],
      },
      {
        heading: 'Person (prs_)',
        lines: [
          ['prs_FirstName', p.firstName], ['prs_MiddleName', p.middleName], ['prs_SecondName', p.secondName],
          [p.guardianRelation === 'husband' ? "Husband's name" : "Father's name", p.guardianName], ['prs_IdentityNumber', p.identityNumber],
          ['prs_Birthdate', p.birthDate ?? (p.birthYear ? `${p.birthYear} (year)` : null)], ['prs_Gender', p.gender], ['prs_Citizenship', p.citizenship.join(', ')],
        ],
      },
      {
        heading: 'Victim context (vic_)',
        lines: [
          ['vic_TraffickingStatus', p.traffickingStatus], ['vic_TypeOfExploitation', p.exploitationTypes.join(', ')],
          ['vic_MethodsOfControl', p.methodsOfControl.join(', ')], ['vic_MethodOfRecruitment', p.recruitmentMethods.join(', ')],
          ['per_RoleInProcess', p.perpetratorRoles.join(', ')], ['per_RoleDetails', p.perpetratorDetails],
        ],
      },
      {
        heading: 'Journey (hte_)',
        lines: journey.map((e) => [`${e.event_date ?? '?'} ${e.type}`, [e.city, e.country].filter(Boolean).join(', ')] as [string, string]),
      },
    ];
    await tx.audit({ action: 'protection.export.case_pdf', entity: 'case', entityId: caseId });
    return { filename: `case-${row.reference}.pdf`, pdf: await renderPdf(`Case ${row.reference}`, sections) };
  });
}

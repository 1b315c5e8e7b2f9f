/**
 * Human Trafficking Case Data Standard (HTCDS) 2.0: the field names and value lists Hamsafar uses.
 *
 * Source: common/reference/htcds/htcds-Field_Standards.csv.
 * "Human Trafficking Case Data Standard (HTCDS) by IOM is licensed under CC BY 4.0"
 * (http://creativecommons.org/licenses/by/4.0/). Use of this work must be consistent with the
 * mandate and values of IOM; there is no suggestion that IOM endorses Hamsafar.
 *
 * The lists are written out here so the web app can use them without reading the CSV;
 * `server/modules/protection/htcds.test.ts` parses the CSV with `parseHtcdsFieldStandards` and
 * checks that every list below is exactly the standard's.
 */
export const HTCDS_ATTRIBUTION =
  'Human Trafficking Case Data Standard (HTCDS) by IOM, licensed under CC BY 4.0 (http://creativecommons.org/licenses/by/4.0/). ' +
  'No endorsement by IOM is implied.';

export const HTCDS = {
  prs_Gender: ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'],
  prs_MaritalStatus: ['Single', 'Married', 'Widowed', 'Divorced', 'Separated', 'RegisteredPartnership'],
  prs_HighestLevelOfEducation: [
    'EarlyChildhoodEducation', 'PrimaryEducation', 'LowerSecondaryEducation', 'UpperSecondaryEducation',
    'PostSecondaryNonTertiaryEducation', 'ShortCycleTertiaryEducation', 'BachelorsOrEquivalentLevel',
    'MastersOrEquivalentLevel', 'DoctoralOrEquivalentLevel',
  ],
  vic_TraffickingStatus: ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'],
  vic_TraffickingStatusDecisionMakingOrg: ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'],
  vic_RelationshipToTrafficker: ['Familial', 'Acquainted', 'Unaquainted'],
  vic_MethodOfRecruitment: [
    'AtAPlaceOfBusiness', 'AtAnEducationalInstitution', 'AtWork', 'ThroughOnlineSocialNetworks', 'ThroughAnOnlineAdvertisement',
    'ThroughATelevisionAdvert', 'ThroughANewspaperAdvert', 'ThroughFamilyOrFamilyEvents', 'ThroughFriendsOrSocialEvents', 'Other',
  ],
  vic_MethodsOfControl: [
    'PhysicalThreats', 'ThreatsLawEnforcement', 'ThreatensChildrenFamily', 'DebtBondage', 'FalsePromises', 'PhysicalAbuse',
    'SexualAbuse', 'TakesEarnings', 'RestrictsFinancialAccess', 'RestrictsMedicalCare', 'WithholdsNecessities',
    'PsychologicalAbuse', 'PsychoactiveSubstance', 'ExcessiveWorkingHours', 'WithholdsDocuments', 'Other',
  ],
  vic_TypeOfExploitation: [
    'ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'Servitude', 'ForcedMilitaryByNonStateActors',
    'OrganRemoval', 'ForcedBegging', 'ForcedAdoption', 'Surrogacy', 'Other',
  ],
  vic_ForcedLabourIndustry: [
    'A_AgricultureForestryAndFishing', 'B_MiningAndQuarrying', 'C_Manufacturing', 'D_ElectricityGasSteamAndAirConditioningSupply',
    'E_WaterSupplySewerageWasteManagement', 'F_Construction', 'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
    'H_TransportationAndStorage', 'I_AccommodationAndFoodServiceActivities', 'J_InformationAndCommunication',
    'K_FinancialAndInsuranceActivities', 'L_RealEstateActivities', 'M_ProfessionalScientificAndTechnicalActivities',
    'N_AdministrativeAndSupportServiceActivities', 'O_PublicAdministrationAndDefence', 'P_Education',
    'Q_HumanHealthAndSocialWorkActivities', 'R_ArtsEntertainmentAndRecreation', 'S_OtherServiceActivities',
    'T_ActivitiesOfHouseholdsAsEmployers', 'U_ActivitiesOfExtraterritorialOrganizations',
  ],
  vic_Vulnerabilities: [
    'Addiction', 'SocialGroup', 'Discrimination', 'Poverty', 'DisabilityAndPhysicalHealth', 'MentalHealth', 'Migration',
    'Homelessness', 'AbuseSocialMedia', 'AbusePhysical', 'Education', 'WorkEnvironment',
  ],
  per_RoleInProcess: [
    'TravellingPartner', 'Transporter', 'RecruiterOrIntermediary', 'BrokerTravelAgent', 'TransferredIndividual',
    'HarbouredIndividual', 'SoldIndividual', 'BoughtIndividual', 'ReceivedIndividual', 'ControlledIndividual', 'Smuggler',
    'Abuser', 'Kidnapper', 'Exploiter', 'Other',
  ],
  cas_Status: ['Active', 'FollowUp', 'Closed', 'ClosedReferred'],
  cas_ReasonForOutgoingReferral: ['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other'],
  hte_Type: ['Recruitment', 'Transit', 'Exploitation'],
  spl_Type: [
    'Education', 'Financial', 'Health', 'LabourExploitationRehabilitation', 'Legal', 'Livelihood', 'RightsBasedTraining',
    'SexualExploitationRehabilitation', 'SocialCare',
  ],
} as const;

export type HtcdsList = keyof typeof HTCDS;
export type HtcdsValue<K extends HtcdsList> = (typeof HTCDS)[K][number];

/** The HTCDS columns of the HTCDS export, in the standard's order. */
export const HTCDS_EXPORT_COLUMNS = [
  'cas_CaseNumber', 'cas_Status', 'cas_CaseOwner', 'org_Name', 'cas_ReasonForCaseClosure',
  'prs_FirstName', 'prs_MiddleName', 'prs_SecondName', 'prs_Birthdate', 'prs_Gender', 'prs_MaritalStatus',
  'prs_PrimaryLanguage', 'prs_SecondaryLanguage', 'prs_Citizenship', 'prs_IdentityNumber', 'prs_Email', 'prs_MobilePhone',
  'prs_MailingCity', 'prs_MailingState', 'prs_MailingCountry',
  'vic_AgreementToManagePersonalData', 'vic_TraffickingStatus', 'vic_TraffickingStatusDecisionMakingOrg',
  'vic_RelationshipToTrafficker', 'vic_AgeWhenTrafficked', 'vic_MethodOfRecruitment', 'vic_MethodsOfControl',
  'vic_TypeOfExploitation', 'vic_ForcedLabourIndustry', 'vic_Vulnerabilities', 'per_RoleInProcess', 'per_RoleDetails',
  'hte_Countries',
] as const;

/** Every HTCDS field name of the standard, with its value names when it is a picklist. */
export interface HtcdsField {
  name: string;
  type: string;
  values: string[];
}

/** Reads the standard's field table (RFC 4180 CSV with quoted multi-line cells). */
export function parseHtcdsFieldStandards(csv: string): HtcdsField[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  const [header, ...body] = rows;
  const nameAt = header.indexOf('Field Name including Prefix');
  const typeAt = header.indexOf('Field Type');
  const valuesAt = header.indexOf('Value Names (if picklist)');
  return body
    .filter((r) => /^[a-z]{3}_\w+$/.test(r[nameAt] ?? ''))
    .map((r) => ({
      name: r[nameAt],
      type: r[typeAt] ?? '',
      values: (r[valuesAt] ?? '').split('\n').map((v) => v.trim()).filter((v) => v && !v.startsWith('Use ')),
    }));
}

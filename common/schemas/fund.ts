import { z } from 'zod';
import { PK_SUBDIVISIONS } from '../organisations';
import { isAmount, isRate } from '../money';
import { Version } from './http';
import { Permission, type PermissionName } from '../permissions';

/** An exact decimal amount as text, at most two decimals: amounts never travel as JSON numbers. */
export const Amount = z
  .string()
  .trim()
  .refine((text) => isAmount(text) && !text.startsWith('-'), 'Enter an amount with at most two decimals, for example 1250.00.');
export const PositiveAmount = Amount.refine((text) => /[1-9]/.test(text), 'The amount must be more than zero.');
export const Rate = z
  .string()
  .trim()
  .refine((text) => isRate(text) && /[1-9]/.test(text), 'Enter a rate above zero with at most six decimals, for example 1.085000.');
export const Currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 currency code, for example EUR.');
export const CalendarDate = z.iso.date('Use a date in the form YYYY-MM-DD.');

export const PROGRAMME_STATUSES = [
  'draft',
  'submitted',
  'secretariat_review',
  'steering_committee',
  'approved',
  'approved_with_conditions',
  'deferred',
  'rejected',
  'active',
  'operationally_closed',
  'financially_closed',
] as const;
export const ProgrammeStatus = z.enum(PROGRAMME_STATUSES);
export type ProgrammeStatus = z.infer<typeof ProgrammeStatus>;

/** Statuses whose programme and figures are public: the steering committee approved them. */
export const PUBLISHED_STATUSES: readonly ProgrammeStatus[] = [
  'approved',
  'approved_with_conditions',
  'active',
  'operationally_closed',
  'financially_closed',
];

/** Lifecycle actions other than the steering committee's decision (which has its own record). */
export const TRANSITION_ACTIONS = [
  'submit',
  'start_review',
  'return_to_authors',
  'forward_to_committee',
  'revise',
  'activate',
  'close_operationally',
  'close_financially',
] as const;
export const TransitionAction = z.enum(TRANSITION_ACTIONS);
export type TransitionAction = z.infer<typeof TransitionAction>;

/** Who moves a proposal from which statuses to which; the server enforces it, the web app shows the buttons. */
export const LIFECYCLE: Record<TransitionAction, { from: readonly ProgrammeStatus[]; to: ProgrammeStatus; permission: PermissionName; needsComment?: boolean }> = {
  submit: { from: ['draft'], to: 'submitted', permission: Permission.FundProposalDraft },
  start_review: { from: ['submitted'], to: 'secretariat_review', permission: Permission.FundProposalReview },
  return_to_authors: { from: ['secretariat_review'], to: 'draft', permission: Permission.FundProposalReview, needsComment: true },
  forward_to_committee: { from: ['secretariat_review'], to: 'steering_committee', permission: Permission.FundProposalReview },
  revise: { from: ['deferred'], to: 'draft', permission: Permission.FundProposalDraft },
  activate: { from: ['approved', 'approved_with_conditions'], to: 'active', permission: Permission.FundProposalReview },
  close_operationally: { from: ['active'], to: 'operationally_closed', permission: Permission.FundProposalReview },
  close_financially: { from: ['operationally_closed'], to: 'financially_closed', permission: Permission.FundRecordMoney },
};
/** The steering committee decides on a proposal before it, or again on one it deferred. */
export const DECIDABLE_STATUSES: readonly ProgrammeStatus[] = ['steering_committee', 'deferred'];

export const DECISION_OUTCOMES = ['approved', 'approved_with_conditions', 'deferred', 'rejected'] as const;
export const DecisionOutcome = z.enum(DECISION_OUTCOMES);

export const CONTRIBUTOR_TYPES = ['member_state', 'foundation', 'private_sector', 'un_entity'] as const;

const Text = (max: number) => z.string().trim().min(1, 'This field is required.').max(max);

export const Marker = z.strictObject({
  score: z.number().int().min(0).max(3),
  justification: z.string().trim().min(10, 'Explain the score in at least 10 characters.').max(2000),
});
export const Markers = z.strictObject({ gender: Marker, humanRights: Marker, childSensitivity: Marker });
export type Markers = z.infer<typeof Markers>;

export const Indicator = z.strictObject({
  id: z.uuid().optional(),
  statement: Text(500),
  /** The participating organisation that reports on it. */
  organisationId: z.uuid(),
  unit: Text(60),
  baseline: Amount,
  target: Amount,
  meansOfVerification: Text(500),
  disaggregation: z.strictObject({ sex: z.boolean(), age: z.boolean() }),
});
export const Output = z.strictObject({ id: z.uuid().optional(), statement: Text(500), indicators: z.array(Indicator).min(1).max(20) });
export const Outcome = z.strictObject({ id: z.uuid().optional(), statement: Text(500), outputs: z.array(Output).min(1).max(20) });
export const ResultsFrameworkInput = z.strictObject({ outcomes: z.array(Outcome).min(1).max(10) });

/** The stored framework: every element has its id, so results can name the indicator. */
export interface ResultsFramework {
  outcomes: Array<{
    id: string;
    statement: string;
    outputs: Array<{ id: string; statement: string; indicators: Array<z.infer<typeof Indicator> & { id: string }> }>;
  }>;
}

export const PunoBudgetInput = z.strictObject({
  organisationId: z.uuid(),
  directCosts: z.array(Amount).length(7, 'Give the direct costs in each of the seven UNSDG budget categories.'),
});

export const ProposalInput = z.strictObject({
  title: Text(300),
  summary: Text(5000),
  durationMonths: z.number().int().min(1).max(120),
  startDate: CalendarDate.nullable().optional(),
  conveningOrganisationId: z.uuid(),
  participatingOrganisations: z.array(PunoBudgetInput).min(1).max(20),
  partnerOrganisationIds: z.array(z.uuid()).max(50),
  thematicAreas: z.array(z.number().int().min(1).max(5)).min(1, 'Choose at least one thematic area.').max(5),
  gcmObjectives: z.array(z.number().int().min(1).max(23)).min(1, 'Choose at least one GCM objective.').max(23),
  guidingPrinciples: z.array(z.number().int().min(1).max(10)).max(10),
  sdgTargets: z.array(z.string().trim().max(10)).max(50),
  provinces: z.array(z.enum(PK_SUBDIVISIONS)).min(1, 'Choose at least one province.').max(7),
  /** The total requested as the authors computed it; refused when the budget lines do not add up to it. */
  totalBudget: Amount,
  markers: Markers,
  resultsFramework: ResultsFrameworkInput,
});
export type ProposalInput = z.infer<typeof ProposalInput>;
export const ProposalUpdate = ProposalInput.extend({ version: Version });

export const TransitionBody = z.strictObject({
  action: TransitionAction,
  version: Version,
  comment: z.string().trim().min(1).max(5000).optional(),
});

export const CommentBody = z.strictObject({ body: Text(5000) });

export const DecisionBody = z.strictObject({
  outcome: DecisionOutcome,
  version: Version,
  decisionDate: CalendarDate,
  meetingId: z.uuid().nullable().optional(),
  membersPresent: z.array(Text(200)).min(1, 'Name the members present.').max(50),
  text: Text(10000),
  conditions: z.string().trim().max(5000).nullable().optional(),
  /** Approved amount per participating organisation (approvals only), may differ from the request. */
  approvedAmounts: z.array(z.strictObject({ organisationId: z.uuid(), amount: Amount })).max(20).optional(),
});

export const ContributorInput = z.strictObject({
  name: Text(200),
  type: z.enum(CONTRIBUTOR_TYPES),
  country: z.string().trim().max(100).nullable().optional(),
});

export const CommitmentInput = z.strictObject({
  contributorId: z.uuid(),
  reference: Text(60),
  agreementDate: CalendarDate,
  amount: PositiveAmount,
  currency: Currency,
  rateToUsd: Rate.optional().describe('USD per unit at the agreement date; the rate table is used when omitted'),
  earmarkedThematicArea: z.number().int().min(1).max(5).nullable().optional().describe('Null: the country window as a whole'),
});

export const DepositInput = z.strictObject({
  commitmentId: z.uuid(),
  depositDate: CalendarDate,
  amount: PositiveAmount,
  rateToUsd: Rate.optional().describe('USD per unit at the deposit date; the rate table is used when omitted'),
});

export const OtherIncomeInput = z.strictObject({
  incomeDate: CalendarDate,
  kind: z.enum(['interest', 'other']),
  amountUsd: PositiveAmount,
  description: Text(300),
});

export const ExchangeRateInput = z.strictObject({ currency: Currency, effectiveDate: CalendarDate, rateToUsd: Rate });

export const TransferInput = z.strictObject({
  organisationId: z.uuid(),
  transferDate: CalendarDate,
  amountUsd: PositiveAmount,
  tranche: z.number().int().min(1).max(20).optional(),
});
export const RefundInput = z.strictObject({ organisationId: z.uuid(), transferDate: CalendarDate, amountUsd: PositiveAmount });

export const ExpenditureInput = z.strictObject({
  organisationId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  amounts: z.array(Amount).length(7, 'Give the expenditure in each of the seven UNSDG budget categories.'),
});

export const ResultInput = z.strictObject({
  indicatorId: z.uuid(),
  period: z.string().trim().regex(/^\d{4}(-(H[12]|Q[1-4]))?$/, 'Use a period like 2026, 2026-H1 or 2026-Q3.'),
  actual: Amount,
  narrative: Text(5000),
});

export const PublicationInput = z.strictObject({ publishedThrough: CalendarDate.nullable(), version: Version });

export const DateRangeQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});

export const ProgrammeListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  status: ProgrammeStatus.optional(),
});

export const AnnualReportParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

// Answers

const OrganisationRef = z.object({ id: z.uuid(), name: z.string(), nameUr: z.string(), acronym: z.string().nullable() });
export type OrganisationRef = z.infer<typeof OrganisationRef>;

export const FundingStatusAnswer = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  sources: z.object({ contributions: z.string(), otherIncome: z.string(), total: z.string() }),
  uses: z.object({ transfers: z.string(), refunds: z.string(), netFunded: z.string(), administrativeAgentFees: z.string(), total: z.string() }),
  balance: z.object({ opening: z.string(), change: z.string(), closing: z.string() }),
  punos: z.array(
    z.object({
      organisation: OrganisationRef,
      transfers: z.string(),
      refunds: z.string(),
      netFunded: z.string(),
      expenditure: z.string(),
      balance: z.string(),
      deliveryRate: z.string().nullable(),
    }),
  ),
  totals: z.object({ netFunded: z.string(), expenditure: z.string(), balanceWithPunos: z.string(), deliveryRate: z.string().nullable() }),
});
export type FundingStatusAnswer = z.infer<typeof FundingStatusAnswer>;

export const ProgrammeSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  status: ProgrammeStatus,
  convening: OrganisationRef,
  totalBudget: z.string(),
  approvedTotal: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  isDemo: z.boolean(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;

const PunoAnswer = z.object({
  organisation: OrganisationRef,
  directCosts: z.array(z.string()),
  direct: z.string(),
  indirect: z.string(),
  requestedTotal: z.string(),
  approvedAmount: z.string().nullable(),
  transferred: z.string(),
  refunded: z.string(),
  netFunded: z.string(),
  expenditure: z.string(),
  expenditureByCategory: z.array(z.string()),
  balance: z.string(),
  deliveryRate: z.string().nullable(),
});

const IndicatorAnswer = z.object({
  id: z.uuid(),
  statement: z.string(),
  organisationId: z.uuid(),
  unit: z.string(),
  baseline: z.string(),
  target: z.string(),
  meansOfVerification: z.string(),
  disaggregation: z.object({ sex: z.boolean(), age: z.boolean() }),
  results: z.array(z.object({ period: z.string(), actual: z.string(), narrative: z.string(), progress: z.string().nullable() })),
  latestProgress: z.string().nullable(),
});

export const ProgrammeDetail = ProgrammeSummary.extend({
  summary: z.string(),
  durationMonths: z.number().int(),
  startDate: z.string().nullable(),
  partners: z.array(OrganisationRef),
  thematicAreas: z.array(z.number().int()),
  gcmObjectives: z.array(z.number().int()),
  guidingPrinciples: z.array(z.number().int()),
  sdgTargets: z.array(z.string()),
  provinces: z.array(z.string()),
  markers: Markers,
  budget: z.object({ direct: z.string(), indirect: z.string(), total: z.string() }),
  punos: z.array(PunoAnswer),
  resultsFramework: z.object({
    outcomes: z.array(z.object({ id: z.uuid(), statement: z.string(), outputs: z.array(z.object({ id: z.uuid(), statement: z.string(), indicators: z.array(IndicatorAnswer) })) })),
  }),
  timeline: z.array(z.object({ fromStatus: ProgrammeStatus.nullable(), toStatus: ProgrammeStatus, at: z.string(), actorName: z.string().nullable() })),
  decisions: z.array(
    z.object({
      id: z.uuid(),
      outcome: DecisionOutcome,
      decisionDate: z.string(),
      meetingId: z.uuid().nullable(),
      membersPresent: z.array(z.string()),
      text: z.string(),
      conditions: z.string().nullable(),
    }),
  ),
  transfers: z.array(z.object({ id: z.uuid(), organisationId: z.uuid(), kind: z.enum(['transfer', 'refund']), tranche: z.number().int().nullable(), date: z.string(), amount: z.string() })),
  /** Internal review comments; absent in the donor view. */
  comments: z.array(z.object({ id: z.uuid(), authorName: z.string(), body: z.string(), createdAt: z.string() })).optional(),
  expenditureReports: z.array(z.object({ organisationId: z.uuid(), year: z.number().int(), byCategory: z.array(z.string()), total: z.string(), dueDate: z.string() })),
});
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

export const ContributionAnswer = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(CONTRIBUTOR_TYPES),
  country: z.string().nullable(),
  isDemo: z.boolean(),
  commitments: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string(),
      agreementDate: z.string(),
      amount: z.string(),
      currency: z.string(),
      rateToUsd: z.string(),
      amountUsd: z.string(),
      earmarkedThematicArea: z.number().int().nullable(),
      deposited: z.string(),
      outstanding: z.string(),
      outstandingUsd: z.string(),
      deposits: z.array(z.object({ id: z.uuid(), depositDate: z.string(), amount: z.string(), currency: z.string(), rateToUsd: z.string(), amountUsd: z.string(), feeUsd: z.string() })),
    }),
  ),
});
export type ContributionAnswer = z.infer<typeof ContributionAnswer>;

const Slice = z.object({ key: z.string(), label: z.string(), amount: z.string() });
export const DashboardAnswer = z.object({
  scope: z.enum(['network', 'own-org', 'published']),
  publishedThrough: z.string().nullable(),
  pipeline: z.object({ pledged: z.string().nullable(), deposited: z.string().nullable(), approved: z.string(), transferred: z.string(), spent: z.string() }),
  contributionsByContributorAndYear: z.array(z.object({ contributor: z.string(), year: z.number().int(), amount: z.string() })),
  allocation: z.object({ thematicArea: z.array(Slice), gcmObjective: z.array(Slice), puno: z.array(Slice), marker: z.array(Slice) }),
  deliveryRates: z.array(z.object({ programmeId: z.uuid(), code: z.string(), title: z.string(), netFunded: z.string(), expenditure: z.string(), deliveryRate: z.string().nullable() })),
});
export type DashboardAnswer = z.infer<typeof DashboardAnswer>;

export const ReferenceAnswer = z.object({
  thematicAreas: z.array(z.object({ number: z.number().int(), title: z.string() })),
  budgetCategories: z.array(z.object({ number: z.number().int(), title: z.string() })),
  gcmObjectives: z.array(z.object({ number: z.number().int(), title: z.string() })),
  guidingPrinciples: z.array(z.object({ number: z.number().int(), title: z.string() })),
  sdgTargets: z.array(z.object({ code: z.string(), title: z.string() })),
  provinces: z.array(z.object({ iso: z.string(), name: z.string() })),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string(), acronym: z.string().nullable(), type: z.string() })),
  indirectSupportPercent: z.number(),
  administrativeAgentFeePercent: z.number(),
  publishedThrough: z.string().nullable(),
  settingsVersion: z.number().int(),
});
export type ReferenceAnswer = z.infer<typeof ReferenceAnswer>;

import { z } from 'zod';
import { ContributionAnswer, ProgrammeSummary } from '../../../common/schemas/fund';
import { pageOf } from '../../../common/schemas/http';

export {
  AnnualReportParams,
  CommentBody,
  CommitmentInput,
  ContributionAnswer,
  ContributorInput,
  DashboardAnswer,
  DateRangeQuery,
  DecisionBody,
  DepositInput,
  ExchangeRateInput,
  ExpenditureInput,
  FundingStatusAnswer,
  OtherIncomeInput,
  ProgrammeDetail,
  ProgrammeListQuery,
  ProgrammeSummary,
  ProposalInput,
  ProposalUpdate,
  PublicationInput,
  ReferenceAnswer,
  RefundInput,
  ResultInput,
  TransferInput,
  TransitionBody,
} from '../../../common/schemas/fund';
export { IdParams } from '../../../common/schemas/http';

export const Created = z.object({ id: z.uuid() });
export const CreatedProgramme = z.object({ id: z.uuid(), code: z.string() });
export const Versioned = z.object({ id: z.uuid(), version: z.number().int() });
export const StatusChange = z.object({ id: z.uuid(), status: z.string(), version: z.number().int() });
export const CommitmentCreated = z.object({ id: z.uuid(), amountUsd: z.string(), rateToUsd: z.string() });
export const DepositCreated = z.object({ id: z.uuid(), amountUsd: z.string(), feeUsd: z.string(), rateToUsd: z.string() });
export const TransferCreated = z.object({ id: z.uuid(), cashAfter: z.string() });
export const ExpenditureReported = z.object({ total: z.string(), dueDate: z.string() });
export const ResultReported = z.object({ progress: z.string().nullable() });
export const Publication = z.object({ publishedThrough: z.string().nullable(), version: z.number().int() });
export const ExchangeRateList = z.object({ items: z.array(z.object({ id: z.uuid(), currency: z.string(), effectiveDate: z.string(), rateToUsd: z.string() })) });
export const ContributionList = z.object({
  items: z.array(ContributionAnswer),
  otherIncome: z.array(z.object({ id: z.uuid(), incomeDate: z.string(), kind: z.string(), amountUsd: z.string(), description: z.string() })),
});
export const ProgrammePage = pageOf(ProgrammeSummary);

export const PROGRAMME_DOCUMENT_KINDS = ['proposal', 'agreement', 'report', 'other'] as const;
export type ProgrammeDocumentKind = (typeof PROGRAMME_DOCUMENT_KINDS)[number];
export const ProgrammeDocumentParams = z.strictObject({ id: z.uuid(), documentId: z.uuid() });
export const ProgrammeDocument = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(PROGRAMME_DOCUMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type ProgrammeDocument = z.infer<typeof ProgrammeDocument>;
export const ProgrammeDocumentList = z.object({ items: z.array(ProgrammeDocument), canUpload: z.boolean() });

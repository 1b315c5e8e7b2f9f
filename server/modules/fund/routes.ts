import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../../../common/permissions';
import { AppError, fieldError } from '../../platform/errors';
import { msg } from './messages';
import type { HamsafarApp } from '../../platform/http/types';
import {
  AnnualReportParams,
  CommentBody,
  CommitmentCreated,
  CommitmentInput,
  ContributionList,
  ContributorInput,
  Created,
  CreatedProgramme,
  DashboardAnswer,
  DateRangeQuery,
  DecisionBody,
  DepositCreated,
  DepositInput,
  ExchangeRateInput,
  ExchangeRateList,
  ExpenditureInput,
  ExpenditureReported,
  FundingStatusAnswer,
  IdParams,
  OtherIncomeInput,
  ProgrammeDetail,
  ProgrammeDocument,
  ProgrammeDocumentList,
  ProgrammeDocumentParams,
  ProgrammeListQuery,
  ProgrammePage,
  ProposalInput,
  ProposalUpdate,
  Publication,
  PublicationInput,
  ReferenceAnswer,
  RefundInput,
  ResultInput,
  ResultReported,
  StatusChange,
  TransferCreated,
  TransferInput,
  TransitionBody,
  Versioned,
} from './schemas';
import * as service from './service';
import * as exports from './exports';
import { sendDownload } from '../../platform/http/downloads';

function sendExport(reply: FastifyReply, file: { filename: string; contentType: string; data: Buffer | string }) {
  return sendDownload(reply, { contentType: file.contentType, filename: file.filename, body: file.data });
}

const tags = ['fund'];

/** Reads a multipart upload: its text fields (sent before the file) and the file itself. */
async function readUpload(request: FastifyRequest): Promise<service.DocumentUpload> {
  if (!request.isMultipart()) throw AppError.field('file', msg('fund.upload.not-multipart-document'));
  const part = await request.file();
  if (!part) throw AppError.field('file', msg('fund.upload.no-file'));
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'file-too-large', 'File too large', msg('fund.upload.too-large'), [fieldError('file', msg('fund.upload.too-large'))]);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field') fields[name] = String(value.value);
  }
  return { filename: part.filename, data, fields };
}

export default async function fundRoutes(app: HamsafarApp) {
  app.get('/reference', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'Thematic areas, budget categories, GCM, SDG, provinces and organisations for proposal forms', response: { 200: ReferenceAnswer } },
    handler: (request) => service.reference(request.ctx),
  });

  // Money in
  app.get('/contributions', {
    config: { permission: Permission.FundMoneyRead },
    schema: { tags, summary: 'Contributors with their commitments, deposits and outstanding pledges; other income', response: { 200: ContributionList } },
    handler: (request) => service.contributions(request.ctx),
  });
  app.post('/contributors', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Record a contributor', body: ContributorInput, response: { 201: Created } },
    handler: async (request, reply) => reply.code(201).send(await service.createContributor(request.ctx, request.body)),
  });
  app.post('/commitments', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Record a signed contribution agreement', body: CommitmentInput, response: { 201: CommitmentCreated } },
    handler: async (request, reply) => reply.code(201).send(await service.createCommitment(request.ctx, request.body)),
  });
  app.post('/deposits', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Record cash received, valued in USD at the deposit-date rate, with the 1% fee', body: DepositInput, response: { 201: DepositCreated } },
    handler: async (request, reply) => reply.code(201).send(await service.createDeposit(request.ctx, request.body)),
  });
  app.post('/other-income', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Record interest or other income', body: OtherIncomeInput, response: { 201: Created } },
    handler: async (request, reply) => reply.code(201).send(await service.createOtherIncome(request.ctx, request.body)),
  });
  app.get('/exchange-rates', {
    config: { permission: Permission.FundMoneyRead },
    schema: { tags, summary: 'UN operational rates of exchange recorded', response: { 200: ExchangeRateList } },
    handler: (request) => service.exchangeRates(request.ctx),
  });
  app.post('/exchange-rates', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Record the USD rate of a currency from a date', body: ExchangeRateInput, response: { 201: Created } },
    handler: async (request, reply) => reply.code(201).send(await service.createExchangeRate(request.ctx, request.body)),
  });
  app.put('/publication', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Publish figures up to a date for donors and the public', body: PublicationInput, response: { 200: Publication } },
    handler: (request) => service.publish(request.ctx, request.body),
  });

  // Proposals and programmes
  app.get('/programmes', {
    config: { permission: Permission.FundProposalRead },
    schema: { tags, summary: 'Joint programmes and proposals (focal points: those of their organisation)', querystring: ProgrammeListQuery, response: { 200: ProgrammePage } },
    handler: (request) => service.listProgrammes(request.ctx, request.query),
  });
  app.post('/programmes', {
    config: { permission: Permission.FundProposalDraft },
    schema: { tags, summary: 'Draft a joint programme proposal', body: ProposalInput, response: { 201: CreatedProgramme } },
    handler: async (request, reply) => reply.code(201).send(await service.createProposal(request.ctx, request.body)),
  });
  app.get('/programmes/:id', {
    config: { permission: Permission.FundProposalRead },
    schema: { tags, summary: 'A programme with budget, figures, results, timeline, decisions and review comments', params: IdParams, response: { 200: ProgrammeDetail } },
    handler: (request) => service.getProgramme(request.ctx, request.params.id),
  });
  app.put('/programmes/:id', {
    config: { permission: Permission.FundProposalDraft },
    schema: { tags, summary: 'Edit a draft proposal', params: IdParams, body: ProposalUpdate, response: { 200: Versioned } },
    handler: (request) => service.updateProposal(request.ctx, request.params.id, request.body),
  });
  app.post('/programmes/:id/transitions', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Move a proposal along its lifecycle (each action checks its own permission)', params: IdParams, body: TransitionBody, response: { 200: StatusChange } },
    handler: (request) => service.transition(request.ctx, request.params.id, request.body),
  });
  app.post('/programmes/:id/comments', {
    config: { permission: Permission.FundProposalReview },
    schema: { tags, summary: 'Add an internal review comment for the authors', params: IdParams, body: CommentBody, response: { 201: Created } },
    handler: async (request, reply) => reply.code(201).send(await service.addComment(request.ctx, request.params.id, request.body.body)),
  });
  app.post('/programmes/:id/decisions', {
    config: { permission: Permission.FundProposalDecide },
    schema: { tags, summary: 'Record the steering committee decision', params: IdParams, body: DecisionBody, response: { 201: StatusChange } },
    handler: async (request, reply) => reply.code(201).send(await service.decide(request.ctx, request.params.id, request.body)),
  });
  app.post('/programmes/:id/transfers', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Transfer a tranche to a participating organisation', params: IdParams, body: TransferInput, response: { 201: TransferCreated } },
    handler: async (request, reply) => reply.code(201).send(await service.transfer(request.ctx, request.params.id, request.body)),
  });
  app.post('/programmes/:id/refunds', {
    config: { permission: Permission.FundRecordMoney },
    schema: { tags, summary: 'Record a refund from a participating organisation', params: IdParams, body: RefundInput, response: { 201: Created } },
    handler: async (request, reply) => reply.code(201).send(await service.refund(request.ctx, request.params.id, request.body)),
  });
  app.put('/programmes/:id/expenditure', {
    config: { permission: Permission.FundReportSubmit },
    schema: { tags, summary: "Report a participating organisation's expenditure for a year by category", params: IdParams, body: ExpenditureInput, response: { 200: ExpenditureReported } },
    handler: (request) => service.reportExpenditure(request.ctx, request.params.id, request.body),
  });
  app.post('/programmes/:id/results', {
    config: { permission: Permission.FundReportSubmit },
    schema: { tags, summary: 'Report the actual value of an indicator for a period', params: IdParams, body: ResultInput, response: { 200: ResultReported } },
    handler: (request) => service.reportResult(request.ctx, request.params.id, request.body),
  });
  app.get('/programmes/:id/documents', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: "A programme's uploaded documents (donors: approved programmes only), and whether the reader may upload", params: IdParams, response: { 200: ProgrammeDocumentList } },
    handler: (request) => service.listProgrammeDocuments(request.ctx, request.params.id),
  });
  app.post('/programmes/:id/documents', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'Upload a programme document (multipart: title, kind, then file); fund managers, and focal points of participating organisations',
      params: IdParams,
      consumes: ['multipart/form-data'],
      response: { 201: ProgrammeDocument },
    },
    handler: async (request, reply) => reply.code(201).send(await service.uploadProgrammeDocument(request.ctx, request.params.id, () => readUpload(request))),
  });
  app.get('/programmes/:id/documents/:documentId', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'Download a programme document', params: ProgrammeDocumentParams },
    handler: async (request, reply) => {
      const file = await service.downloadProgrammeDocument(request.ctx, request.params.id, request.params.documentId);
      return sendDownload(reply, { contentType: file.contentType, filename: file.name, body: file.data });
    },
  });
  app.get('/programmes/:id/iati.xml', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'IATI 2.03 activity file of an approved programme (published figures)', params: IdParams },
    handler: async (request, reply) => sendExport(reply, await exports.iatiFile(request.ctx, request.params.id)),
  });

  // Figures
  app.get('/funding-status', {
    config: { permission: Permission.FundMoneyRead },
    schema: { tags, summary: 'Sources, uses and balance of funds for a date range (MPTF Office layout)', querystring: DateRangeQuery, response: { 200: FundingStatusAnswer } },
    handler: (request) => service.fundingStatusFor(request.ctx, request.query),
  });
  app.get('/funding-status.xlsx', {
    config: { permission: Permission.FundMoneyRead },
    schema: { tags, summary: 'The funding status, contributions and programmes as a workbook', querystring: DateRangeQuery },
    handler: async (request, reply) => sendExport(reply, await exports.fundingStatusWorkbook(request.ctx, request.query)),
  });
  app.get('/funding-status.pdf', {
    config: { permission: Permission.FundMoneyRead },
    schema: { tags, summary: 'The funding status as a PDF', querystring: DateRangeQuery },
    handler: async (request, reply) => sendExport(reply, await exports.fundingStatusPdf(request.ctx, request.query)),
  });
  app.get('/reports/annual/:year', {
    config: { permission: Permission.FundReportRead },
    schema: { tags, summary: 'The annual consolidated narrative and financial report (PDF)', params: AnnualReportParams },
    handler: async (request, reply) => sendExport(reply, await exports.annualReportPdf(request.ctx, request.params.year)),
  });
  app.get('/dashboard', {
    config: { permission: Permission.FundDashboardRead },
    schema: { tags, summary: 'Pipeline, contributions, allocation and delivery (focal points: their programmes)', response: { 200: DashboardAnswer } },
    handler: (request) => service.dashboard(request.ctx),
  });

  // Published figures (donor view)
  app.get('/published/dashboard', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'The dashboard of published figures', response: { 200: DashboardAnswer } },
    handler: (request) => service.publishedDashboard(request.ctx),
  });
  app.get('/published/funding-status', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'The funding status up to the published date', querystring: DateRangeQuery, response: { 200: FundingStatusAnswer } },
    handler: (request) => service.publishedFundingStatus(request.ctx, request.query),
  });
  app.get('/published/programmes', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'Approved programmes', response: { 200: ProgrammePage } },
    handler: (request) => service.listPublishedProgrammes(request.ctx),
  });
  app.get('/published/programmes/:id', {
    config: { permission: Permission.FundPublishedRead },
    schema: { tags, summary: 'An approved programme with published figures, without internal review comments', params: IdParams, response: { 200: ProgrammeDetail } },
    handler: (request) => service.getPublishedProgramme(request.ctx, request.params.id),
  });
}

import { z } from 'zod';
import { Consent, JourneyEvent, Note, ReferralDetail, ReferralSummary, Team, Transfer, HistoryEntry, ReferralTarget } from '../../../common/schemas/protection';

export * from '../../../common/schemas/protection';

export const CaseParams = z.strictObject({ id: z.uuid() });
export const CaseChildParams = z.strictObject({ id: z.uuid(), childId: z.uuid() });
export const OverdueReport = z.object({ received: z.array(ReferralSummary), sent: z.array(ReferralSummary) });
export const NoteList = z.object({ items: z.array(Note) });
export const JourneyList = z.object({ items: z.array(JourneyEvent) });
export const ConsentList = z.object({ items: z.array(Consent) });
export const CaseReferralList = z.object({ items: z.array(ReferralDetail) });
export const TeamList = z.object({ items: z.array(Team) });
export const TransferPage = z.object({ items: z.array(Transfer), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export const History = z.object({ items: z.array(HistoryEntry) });
export const ReferralTargetList = z.object({ items: z.array(ReferralTarget) });

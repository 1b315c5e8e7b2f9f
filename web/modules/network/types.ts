/** Response shapes of the network API, inferred from the schemas the server validates with. */
import type { z } from 'zod';
import type * as S from '../../../common/schemas/network';

export type DirectoryEntry = S.DirectoryEntry;
export type Application = S.Application;
export type WorkingGroup = S.WorkingGroupSummary;
export type GovernanceDocument = S.GovernanceDocument;
export type MeetingSummary = S.MeetingSummary;
export type MeetingDetail = S.MeetingDetail;
export type Decision = S.Decision;
export type ActionPoint = S.ActionPoint;
export type WorkplanItem = S.WorkplanItem;
export type WorkplanMatrix = S.WorkplanMatrix;
export type NetworkDashboard = S.NetworkDashboard;
export type PersonOption = z.infer<typeof S.PersonOption>;

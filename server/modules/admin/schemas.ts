import { z } from 'zod';
import { pageOf } from '../../../common/schemas/http';
import { MailOutboxItem, Organisation, UserSummary } from '../../../common/schemas/accounts';

export { IdParams, Ok } from '../../../common/schemas/http';
export {
  InvitationBody,
  MailAttachmentParams,
  MailOutboxItem,
  NetworkSettingsUpdate,
  NetworkSettingsView,
  Organisation,
  OrganisationInput,
  OrganisationListQuery,
  OrganisationUpdate,
  PermissionList,
  Role,
  RoleChangeDecisionBody,
  RoleChangeRequest,
  RoleChangeRequestList,
  RoleList,
  RoleUpdateBody,
  UserListQuery,
  UserSummary,
  UserUpdateBody,
} from '../../../common/schemas/accounts';

export const UserPage = pageOf(UserSummary);
export const OrganisationPage = pageOf(Organisation);
export const MailOutboxPage = pageOf(MailOutboxItem);

export type UserSummaryOut = z.infer<typeof UserSummary>;

import { Permission } from '../../../common/permissions';
import { PageQuery } from '../../../common/schemas/http';
import type { HamsafarApp } from '../../platform/http/types';
import {
  IdParams,
  InvitationBody,
  MailAttachmentParams,
  MailOutboxPage,
  NetworkSettingsUpdate,
  NetworkSettingsView,
  Ok,
  Organisation,
  OrganisationInput,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationUpdate,
  PermissionList,
  Role,
  RoleChangeDecisionBody,
  RoleChangeRequest,
  RoleChangeRequestList,
  RoleList,
  RoleUpdateBody,
  UserListQuery,
  UserPage,
  UserSummary,
  UserUpdateBody,
} from './schemas';
import * as service from './service';
import { fileRoute, sendDownload } from '../../platform/http/downloads';

const tags = ['admin'];

export default async function adminRoutes(app: HamsafarApp) {
  app.get('/users', {
    config: { permission: Permission.UsersManage },
    schema: { tags, summary: 'Users of the network (organisation admins: of their organisation)', querystring: UserListQuery, response: { 200: UserPage } },
    handler: (request) => service.listUsers(request.ctx, request.query),
  });

  app.post('/invitations', {
    config: { permission: Permission.UsersManage },
    schema: { tags, summary: 'Invite a user: creates the account and mails a link valid for 7 days', body: InvitationBody, response: { 201: UserSummary } },
    handler: async (request, reply) => reply.code(201).send(await service.inviteUser(request.ctx, request.body)),
  });

  app.patch('/users/:id', {
    config: { permission: Permission.UsersManage },
    schema: { tags, summary: 'Rename, disable, re-enable, unlock or change the roles of a user', params: IdParams, body: UserUpdateBody, response: { 200: UserSummary } },
    handler: (request) => service.updateUser(request.ctx, request.params.id, request.body),
  });

  app.post('/users/:id/password-reset', {
    config: { permission: Permission.UsersManage },
    schema: { tags, summary: 'Mail the user a password reset link', params: IdParams, response: { 200: Ok } },
    handler: async (request) => {
      await service.sendPasswordReset(request.ctx, request.params.id);
      return { ok: true as const };
    },
  });

  app.get('/organisations', {
    config: { permission: Permission.DirectoryRead },
    schema: { tags, summary: 'Organisations of the network', querystring: OrganisationListQuery, response: { 200: OrganisationPage } },
    handler: (request) => service.listOrganisations(request.ctx, request.query),
  });

  app.post('/organisations', {
    config: { permission: Permission.OrganisationsManage },
    schema: { tags, summary: 'Add an organisation', body: OrganisationInput, response: { 201: Organisation } },
    handler: async (request, reply) => reply.code(201).send(await service.createOrganisation(request.ctx, request.body)),
  });

  app.patch('/organisations/:id', {
    config: { permission: Permission.OrganisationsManage },
    schema: { tags, summary: 'Change an organisation (all fields, with the version read)', params: IdParams, body: OrganisationUpdate, response: { 200: Organisation } },
    handler: (request) => service.updateOrganisation(request.ctx, request.params.id, request.body),
  });

  app.get('/roles', {
    config: { permission: Permission.RolesManage },
    schema: { tags, summary: 'Roles and their grants', response: { 200: RoleList } },
    handler: (request) => service.listRoles(request.ctx),
  });

  app.patch('/roles/:id', {
    config: { permission: Permission.RolesManage },
    schema: {
      tags,
      summary: "Change a role's grants and MFA requirement; a role that opens protection data answers 202 with a change waiting for a second admin",
      params: IdParams,
      body: RoleUpdateBody,
      response: { 200: Role, 202: RoleChangeRequest },
    },
    handler: async (request, reply) => {
      const outcome = await service.updateRole(request.ctx, request.params.id, request.body);
      return outcome.applied ? outcome.role : reply.code(202).send(outcome.change);
    },
  });

  app.get('/role-changes', {
    config: { permission: Permission.RolesManage },
    schema: { tags, summary: 'Role changes waiting for a second network admin', response: { 200: RoleChangeRequestList } },
    handler: (request) => service.listRoleChanges(request.ctx),
  });

  app.post('/role-changes/:id/approve', {
    config: { permission: Permission.RolesManage },
    schema: { tags, summary: 'Approve and apply a role change proposed by another network admin', params: IdParams, body: RoleChangeDecisionBody, response: { 200: RoleChangeRequest } },
    handler: (request) => service.decideRoleChange(request.ctx, request.params.id, 'approved', request.body),
  });

  app.post('/role-changes/:id/reject', {
    config: { permission: Permission.RolesManage },
    schema: { tags, summary: 'Reject a role change proposed by another network admin', params: IdParams, body: RoleChangeDecisionBody, response: { 200: RoleChangeRequest } },
    handler: (request) => service.decideRoleChange(request.ctx, request.params.id, 'rejected', request.body),
  });

  app.get('/permissions', {
    config: { permission: Permission.RolesManage },
    schema: { tags, summary: 'Every permission a grant can name (append :own-org to limit it)', response: { 200: PermissionList } },
    handler: (request) => service.listPermissions(request.ctx),
  });

  app.get('/mail-outbox', {
    config: { permission: Permission.MailOutboxRead },
    schema: { tags, summary: 'Mail queued, held or sent by the network, newest first', querystring: PageQuery, response: { 200: MailOutboxPage } },
    handler: (request) => service.listMailOutbox(request.ctx, request.query),
  });

  app.get('/mail-outbox/:id/attachments/:index', {
    ...fileRoute,
    config: { permission: Permission.MailOutboxRead },
    schema: { tags, summary: 'Download one attachment of a mail', params: MailAttachmentParams },
    handler: async (request, reply) => {
      const file = await service.mailAttachment(request.ctx, request.params.id, request.params.index);
      return sendDownload(reply, { contentType: file.contentType, filename: file.filename, body: file.content });
    },
  });

  app.get('/network-settings', {
    config: { permission: Permission.NetworkSettingsManage },
    schema: { tags, summary: 'Settings of the network', response: { 200: NetworkSettingsView } },
    handler: (request) => service.networkSettings(request.ctx),
  });

  app.patch('/network-settings', {
    config: { permission: Permission.NetworkSettingsManage },
    schema: { tags, summary: 'Change the settings of the network', body: NetworkSettingsUpdate, response: { 200: NetworkSettingsView } },
    handler: (request) => service.updateNetworkSettings(request.ctx, request.body),
  });
}

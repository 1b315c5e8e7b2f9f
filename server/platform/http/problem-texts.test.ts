import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries } from '../i18n';
import { testSystem, type TestSystem } from '../../test/harness';
import type { Agent } from '../../test/factories';
import { fieldRules } from './problem-texts';

let system: TestSystem;
let networkId: string;
let ownOrganisation: string;
let admin: Agent;
beforeAll(async () => {
  // The whole server, so every module's catalogue is loaded.
  system = await testSystem();
  networkId = await system.factory.network();
  ownOrganisation = await system.factory.organisation(networkId, { nameEn: 'Shelter', type: 'civil_society' });
  admin = await system.factory.agent(networkId, ['network_admin'], ownOrganisation);
});
afterAll(() => system.close());

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const urdu = { 'accept-language': 'ur' };

describe('every message of the server has both languages', () => {
  it('has an Urdu text in Urdu script, with the same placeholders, for each catalogue message and field rule', () => {
    const entries = [...catalogueEntries(), ...fieldRules()];
    // The modules' business rules are there, not only the mails and notifications.
    expect(entries.map(([key]) => key)).toEqual(expect.arrayContaining(['network.action-point.due-date-past', 'protection.team.name-taken', 'fund.proposal.two-punos', 'admin.organisation.unknown', 'too_long', 'invalid_option']));
    for (const [key, texts] of entries) {
      expect(texts.en.trim(), key).not.toBe('');
      expect(texts.ur, key).toMatch(/[\u0600-\u06FF]/);
      expect(placeholders(texts.ur), key).toEqual(placeholders(texts.en));
    }
  });
});

describe('business rules in the language of the request', () => {
  it('says a network rule in Urdu, with its code at the top and on the field', async () => {
    const res = await admin.request('POST', '/api/v1/network/action-points', { title: 'Share the directory', ownerOrganisationId: ownOrganisation, dueDate: '2020-01-01' }, urdu);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      title: 'کچھ خانے درست نہیں',
      detail: 'آخری تاریخ گزر چکی ہے۔',
      messageCode: 'network.action-point.due-date-past',
      errors: [{ field: 'dueDate', code: 'network.action-point.due-date-past', message: 'آخری تاریخ گزر چکی ہے۔' }],
    });
    const english = await admin.request('POST', '/api/v1/network/action-points', { title: 'Share the directory', ownerOrganisationId: ownOrganisation, dueDate: '2020-01-01' }, { 'accept-language': 'en' });
    expect(english.json().errors).toEqual([{ field: 'dueDate', code: 'network.action-point.due-date-past', message: 'The due date is in the past.' }]);
  });

  it('says an admin rule in Urdu', async () => {
    const res = await admin.request(
      'POST',
      '/api/v1/admin/invitations',
      { email: 'new@test.hamsafar.pk', displayName: 'New', organisationId: '00000000-0000-4000-8000-000000000000', roles: ['focal_point'] },
      urdu,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'organisationId', code: 'admin.organisation.unknown', message: 'یہ ادارہ موجود نہیں۔' }]);
  });

  it('says a protection rule in Urdu', async () => {
    const supervisor = await system.factory.agent(networkId, ['case_supervisor'], ownOrganisation);
    expect((await supervisor.post('/api/v1/protection/teams', { name: 'Night team', memberUserIds: [] })).statusCode).toBe(201);
    const again = await supervisor.request('POST', '/api/v1/protection/teams', { name: 'Night team', memberUserIds: [] }, urdu);
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'name', code: 'protection.team.name-taken', message: 'اس نام کی ٹیم پہلے سے موجود ہے۔' }]);
  });

  it('says a fund rule in Urdu', async () => {
    const fundManager = await system.factory.agent(networkId, ['fund_manager'], ownOrganisation);
    const res = await fundManager.request('GET', '/api/v1/fund/funding-status?from=2026-01-01&to=2025-01-01', undefined, urdu);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ messageCode: 'fund.period.end-before-start', detail: 'مدت کا اختتام اس کے آغاز سے پہلے ہے۔' });
  });
});

describe('schema rules worded for a person', () => {
  const badInvitation = { email: 'not-an-address', displayName: '  ', organisationId: '00000000-0000-4000-8000-000000000000', roles: ['emperor'], language: 'en' };

  it('names each broken rule with its code, in English and in Urdu, never zod text', async () => {
    const english = (await admin.request('POST', '/api/v1/admin/invitations', badInvitation, { 'accept-language': 'en' })).json();
    expect(english.errors).toEqual([
      { field: 'email', code: 'invalid_email', message: 'Enter a valid e-mail address.' },
      { field: 'displayName', code: 'required', message: 'Fill in this field.' },
      { field: 'roles.0', code: 'invalid_option', message: 'Choose one of the options.' },
    ]);
    const inUrdu = (await admin.request('POST', '/api/v1/admin/invitations', badInvitation, urdu)).json();
    expect(inUrdu.errors.map((e: { message: string }) => e.message)).toEqual(['درست ای میل پتہ درج کریں۔', 'یہ خانہ پُر کریں۔', 'دیے گئے اختیارات میں سے ایک منتخب کریں۔']);
  });

  it('gives the limit of a length rule as a parameter', async () => {
    const res = await admin.request('POST', '/api/v1/admin/invitations', { ...badInvitation, email: 'ok@test.hamsafar.pk', displayName: 'x'.repeat(121), roles: [] }, urdu);
    expect(res.json().errors).toEqual([
      { field: 'displayName', code: 'too_long', params: { maximum: 120 }, message: 'زیادہ سے زیادہ 120 حروف استعمال کریں۔' },
      { field: 'roles', code: 'choose_one_at_least', message: 'کم از کم ایک منتخب کریں۔' },
    ]);
  });
});

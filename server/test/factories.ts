import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RoleKey } from '../../common/roles';
import { hashPassword } from '../platform/auth/passwords';
import { currentTotp, newTotpSecret } from '../platform/auth/totp';
import type { Services } from '../platform/context';
import { scoped, type Executor } from '../platform/database/tenant';
import type { HamsafarApp } from '../platform/http/types';
import { createNetwork } from '../seed/networks';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

/** A signed-in user driving the API: sends the session cookie and CSRF token like the web app. */
export class Agent {
  constructor(
    private readonly app: HamsafarApp,
    public cookie: string,
    public csrf: string,
    readonly user: { id: string; email: string; organisationId: string; networkId: string },
  ) {}

  request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
  }
  get(url: string) { return this.request('GET', url); }
  post(url: string, body?: unknown) { return this.request('POST', url, body ?? {}); }
  put(url: string, body?: unknown) { return this.request('PUT', url, body ?? {}); }
  patch(url: string, body?: unknown) { return this.request('PATCH', url, body ?? {}); }
  delete(url: string) { return this.request('DELETE', url); }
}

/** Anonymous client with a CSRF cookie, for public routes; from 127.0.0.1 unless given another address. */
export async function anonymous(app: HamsafarApp, remoteAddress = '127.0.0.1') {
  const res = await app.inject({ method: 'GET', url: '/api/v1/auth/session', remoteAddress });
  const csrf = res.json().csrfToken as string;
  const cookie = `hamsafar_csrf=${csrf}`;
  return {
    csrf,
    cookie,
    post: (url: string, body: unknown) =>
      app.inject({ method: 'POST', url, payload: body as InjectOptions['payload'], headers: { cookie, 'x-csrf-token': csrf }, remoteAddress }),
  };
}

function sessionCookieFrom(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'hamsafar_session');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `hamsafar_session=${cookie.value}`;
}

/** Builds test data in one line each: networks, organisations, users signed in with a role. */
export class Factory {
  constructor(
    readonly app: HamsafarApp,
    readonly db: Executor,
    readonly services: Services,
  ) {}

  async network(code = `T${randomUUID().slice(0, 6).toUpperCase()}`): Promise<string> {
    return createNetwork(this.db, { code, nameEn: `Test network ${code}`, nameUr: `آزمائشی نیٹ ورک ${code}` });
  }

  async organisation(networkId: string, overrides: Partial<{ nameEn: string; type: string; services: string[]; province: string }> = {}): Promise<string> {
    const name = overrides.nameEn ?? `Organisation ${randomUUID().slice(0, 8)}`;
    const row = await scoped(this.db, networkId)
      .insertInto('organisations', {
        name_en: name,
        name_ur: `ادارہ ${name}`,
        acronym: null,
        type: overrides.type ?? 'civil_society',
        htcds_org_type: 'NGO',
        province: overrides.province ?? 'PK-PB',
        services: overrides.services ?? ['shelter'],
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Creates an active user with the given roles (with MFA enrolled when `mfa`), without signing in. */
  async user(networkId: string, organisationId: string, roles: RoleKey[], options: { mfa?: boolean; email?: string } = {}) {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const email = options.email ?? `user-${randomUUID().slice(0, 8)}@test.hamsafar.pk`;
    const q = scoped(this.db, networkId);
    const secret = options.mfa ? newTotpSecret() : null;
    const cipher = await this.services.keys.forNetwork(this.db, networkId);
    const row = await q
      .insertInto('users', {
        organisation_id: organisationId,
        email,
        display_name: email.split('@')[0],
        password_hash: await passwordHash,
        status: 'active',
        locked_until: null,
        mfa_secret: secret ? cipher.encrypt(secret) : null,
        mfa_enabled: secret !== null,
        mfa_pending_secret: null,
        last_login_at: null,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roleRows = await q.selectFrom('roles').select(['id', 'key']).where('key', 'in', roles).execute();
    await q.insertInto('user_roles', roleRows.map((r) => ({ user_id: row.id, role_id: r.id }))).execute();
    return { id: row.id, email, organisationId, networkId, totpSecret: secret };
  }

  private signIns = 0;
  /** TOTP steps already answered per user: a code works once, so a second sign-in uses the next step's code. */
  private readonly totpUses = new Map<string, number>();

  /** Signs a user in through the API (answering the MFA challenge when enrolled). */
  async signIn(user: { id: string; email: string; organisationId: string; networkId: string; totpSecret: string | null }): Promise<Agent> {
    // Each sign-in from its own loopback address, like users at their own desks: the per-address limit stays out of the way.
    this.signIns++;
    const anon = await anonymous(this.app, `127.${(this.signIns >> 16) & 255}.${(this.signIns >> 8) & 255}.${this.signIns & 255}`);
    const res = await anon.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    const agent = new Agent(this.app, sessionCookieFrom(res), res.json().csrfToken, user);
    if (res.json().state === 'mfa_pending' && user.totpSecret) {
      const uses = this.totpUses.get(user.id) ?? 0;
      this.totpUses.set(user.id, uses + 1);
      const verified = await agent.post('/api/v1/auth/mfa/verify', { code: currentTotp(user.totpSecret, Date.now() + uses * 30_000) });
      if (verified.statusCode !== 200) throw new Error(`MFA failed: ${verified.body}`);
    }
    return agent;
  }

  /** A signed-in user with these roles in a (new or given) organisation; MFA is enrolled when a role needs it. */
  async agent(networkId: string, roles: RoleKey[], organisationId?: string): Promise<Agent> {
    const orgId = organisationId ?? (await this.organisation(networkId));
    const needsMfa = roles.some((r) => r === 'caseworker' || r === 'case_supervisor');
    const user = await this.user(networkId, orgId, roles, { mfa: needsMfa });
    return this.signIn(user);
  }
}

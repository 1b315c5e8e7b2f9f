import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionState, SessionUser } from '../../common/schemas/accounts';
import { grantScope, type GrantScope, type PermissionName } from '../../common/permissions';
import { api, onUnauthorized, setCsrfToken } from './api';
import { currentLanguage, isLanguage, switchLanguage } from './i18n';

export type { SessionState, SessionUser };

export interface SessionValue {
  state: SessionState['state'];
  user: SessionUser | null;
  /** True when the user's grants hold the permission, network-wide or for the own organisation. */
  hasPermission(permission: PermissionName): boolean;
  scopeOf(permission: PermissionName): GrantScope | null;
  /** Takes a session answer (login, MFA verify) as the new state. */
  accept(state: SessionState): void;
  refresh(): Promise<SessionState>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

export function SessionProvider({ initial, children }: { initial: SessionState; children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(initial);

  const accept = useCallback((state: SessionState) => {
    setCsrfToken(state.csrfToken);
    setSession(state);
    // The language saved in the profile wins once signed in, so it follows the user between devices.
    if (state.state === 'active' && state.user && isLanguage(state.user.language) && state.user.language !== currentLanguage()) {
      void switchLanguage(state.user.language);
    }
  }, []);

  const refresh = useCallback(async () => {
    const state = await api.get<SessionState>('/auth/session');
    accept(state);
    return state;
  }, [accept]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      await refresh();
    }
  }, [refresh]);

  useEffect(() => {
    setCsrfToken(initial.csrfToken);
  }, [initial]);

  useEffect(() => onUnauthorized(() => void refresh()), [refresh]);

  const value = useMemo<SessionValue>(() => {
    const grants = session.state === 'active' ? (session.user?.grants ?? []) : [];
    return {
      state: session.state,
      user: session.user,
      hasPermission: (permission) => grantScope(grants, permission) !== null,
      scopeOf: (permission) => grantScope(grants, permission),
      accept,
      refresh,
      signOut,
    };
  }, [session, accept, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export async function loadSession(): Promise<SessionState> {
  const state = await api.get<SessionState>('/auth/session');
  setCsrfToken(state.csrfToken);
  return state;
}

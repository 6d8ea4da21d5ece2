import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { SessionResponse, User } from '../api/types';

interface AuthValue {
  /** undefined while the session is being loaded, null when signed out. */
  user: User | null | undefined;
  /** True when the last sign-out was caused by an expired session, not by the user. */
  sessionExpired: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Reloads the session (for example after a password change). */
  refresh: () => Promise<User | null>;
}

const AuthContext = createContext<AuthValue | null>(null);

async function loadSession(): Promise<User | null> {
  const session = await api.get<SessionResponse>('/api/auth/session');
  setCsrfToken(session.csrfToken);
  return session.user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [sessionExpired, setSessionExpired] = useState(false);

  const refresh = useCallback(async () => {
    const current = await loadSession();
    setUser(current);
    return current;
  }, []);

  useEffect(() => {
    refresh().catch(() => setUser(null));
    setUnauthorizedHandler(() => {
      setSessionExpired(true);
      setUser(null);
      // The old CSRF token belongs to the ended session; fetch a fresh one for the next sign-in.
      loadSession().catch(() => undefined);
    });
    return () => setUnauthorizedHandler(null);
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api.post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password });
    setCsrfToken(result.csrfToken);
    setSessionExpired(false);
    setUser(result.user);
    return result.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setSessionExpired(false);
      setUser(null);
      await loadSession().catch(() => undefined);
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ user, sessionExpired, login, logout, refresh }),
    [user, sessionExpired, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}

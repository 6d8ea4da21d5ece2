import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { FullPageSpin } from './FullPageSpin';

/**
 * Renders children only for a signed-in user. Signed-out users go to the login page (which
 * returns them here afterwards); users who must change their password go to that page first.
 */
export function RequireAuth({ children, passwordChangePage = false }: { children: ReactNode; passwordChangePage?: boolean }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (user === null) {
    const next = location.pathname + location.search;
    const target = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  if (user.mustChangePassword && !passwordChangePage) return <Navigate to="/change-password" replace />;
  if (!user.mustChangePassword && passwordChangePage) return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** Only lets a relative, same-site path through as a post-login destination. */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) return '/';
  return value;
}

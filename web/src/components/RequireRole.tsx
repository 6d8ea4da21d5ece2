import { lazy, type ReactNode } from 'react';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';

const ErrorPage = lazy(() => import('../pages/errors/ErrorPage'));

/** Shows the 403 page in place (keeping the URL) when the user's role may not open a page. */
export function RequireRole({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (roles && !roles.includes(user.role)) return <ErrorPage status="403" />;
  return <>{children}</>;
}

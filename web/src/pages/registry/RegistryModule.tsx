// 企业档案 / Organisations: the module's routes. An organisation user has exactly one
// organisation; /registry opens its profile ("本单位档案").
import { lazy, useEffect, useState } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Button, Result } from 'antd';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { ContentSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { RequireRole } from '../../components/RequireRole';
import { useI18n, usePageTitle } from '../../i18n';
import type { OrgListItem } from './types';
import { useRegistryMessages } from './messages';
import { STAFF_ROLES } from './roles';

const OrgListPage = lazy(() => import('./OrgListPage'));
const OrgProfilePage = lazy(() => import('./OrgProfilePage'));
const ImportPage = lazy(() => import('./ImportPage'));

/** For an organisation user: finds its own organisation and opens its profile. */
function MyOrganisation() {
  const { t } = useI18n();
  const { t: r } = useRegistryMessages();
  usePageTitle('nav.myOrg');
  const [uscc, setUscc] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    api
      .get<Page<OrgListItem>>('/api/orgs', { pageSize: 1 })
      .then((page) => {
        if (!cancelled) setUscc(page.items[0]?.uscc ?? null);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught instanceof ApiError ? caught.detail : String(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (error) return <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (uscc === undefined) return <ContentSpin />;
  if (uscc === null) {
    return (
      <Result
        status="info"
        title={r('profile.noOwnOrg')}
        subTitle={r('profile.noOwnOrgHint')}
        extra={<Button onClick={() => setAttempt((n) => n + 1)}>{t('common.retry')}</Button>}
      />
    );
  }
  return <Navigate to={`/registry/${encodeURIComponent(uscc)}`} replace />;
}

export default function RegistryModule() {
  const user = useCurrentUser();
  const staff = STAFF_ROLES.includes(user.role);
  return (
    <Routes>
      <Route index element={staff ? <OrgListPage /> : <MyOrganisation />} />
      <Route
        path="import"
        element={
          <RequireRole roles={STAFF_ROLES}>
            <ImportPage />
          </RequireRole>
        }
      />
      <Route path=":uscc" element={<OrgProfilePage />} />
      <Route path="*" element={<Navigate to="/registry" replace />} />
    </Routes>
  );
}

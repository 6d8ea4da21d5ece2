// 数字化转型 / Digital transformation: diagnoses (questionnaire, result with radar, history),
// the solution catalogue (search, compare), and the bureau's dashboard.
import { lazy } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { useDigitalMessages } from './messages';

const DiagnosesPage = lazy(() => import('./DiagnosesPage'));
const DiagnosisPage = lazy(() => import('./DiagnosisPage'));
const CataloguePage = lazy(() => import('./CataloguePage'));
const DashboardPage = lazy(() => import('./DashboardPage'));
const ProgrammesPage = lazy(() => import('./ProgrammesPage'));

function ModuleTabs() {
  const { t } = useDigitalMessages();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const staff = user.role !== 'org_user';
  const items = [
    ...(staff ? [{ key: '/digital/dashboard', label: t('tab.dashboard') }] : []),
    { key: '/digital/diagnoses', label: t('tab.diagnoses') },
    { key: '/digital/catalogue', label: t('tab.catalogue') },
    ...(staff ? [{ key: '/digital/programmes', label: t('tab.programmes') }] : []),
  ];
  const active = items.find((i) => pathname.startsWith(i.key))?.key ?? items[0].key;
  return <Tabs activeKey={active} items={items} onChange={(k) => navigate(k)} style={{ marginBottom: 0 }} />;
}

export default function DigitalModule() {
  const user = useCurrentUser();
  return (
    <>
      <ModuleTabs />
      <Routes>
        <Route index element={<Navigate to={user.role === 'org_user' ? 'diagnoses' : 'dashboard'} replace />} />
        <Route path="diagnoses" element={<DiagnosesPage />} />
        <Route path="diagnoses/:id" element={<DiagnosisPage />} />
        <Route path="catalogue" element={<CataloguePage />} />
        <Route path="dashboard" element={user.role === 'org_user' ? <Navigate to="/digital/diagnoses" replace /> : <DashboardPage />} />
        <Route path="programmes" element={user.role === 'org_user' ? <Navigate to="/digital/diagnoses" replace /> : <ProgrammesPage />} />
        <Route path="*" element={<Navigate to="/digital" replace />} />
      </Routes>
    </>
  );
}

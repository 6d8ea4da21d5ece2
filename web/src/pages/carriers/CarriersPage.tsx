// 创新载体 / Innovation carriers: the registry with explained evaluations, the public platforms'
// services (request → done → rating, from both sides), and the evaluation's versioned parameters.
import { lazy } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Menu } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { useCarrierMessages } from './messages';

const RegistryPage = lazy(() => import('./RegistryPage'));
const ServicesPage = lazy(() => import('./ServicesPage'));
const EvalParamsPage = lazy(() => import('./EvalParamsPage'));

export default function CarriersPage() {
  const { t } = useCarrierMessages();
  const { pathname } = useLocation();
  const user = useCurrentUser();
  const staff = user.role === 'bureau_admin' || user.role === 'district_officer';
  const selected = pathname.startsWith('/carriers/services') ? 'services' : pathname.startsWith('/carriers/params') ? 'params' : 'registry';
  return (
    <>
      <Menu mode="horizontal" selectedKeys={[selected]} style={{ marginBottom: 16 }} items={[
        { key: 'registry', label: <Link to="/carriers">{t('nav.registry')}</Link> },
        { key: 'services', label: <Link to="/carriers/services" data-testid="carriers-nav-services">{t('nav.services')}</Link> },
        ...(staff ? [{ key: 'params', label: <Link to="/carriers/params" data-testid="carriers-nav-params">{t('nav.params')}</Link> }] : []),
      ]} />
      <Routes>
        <Route index element={<RegistryPage />} />
        <Route path="services" element={<ServicesPage />} />
        {staff && <Route path="params" element={<EvalParamsPage />} />}
        <Route path="*" element={<Navigate to="/carriers" replace />} />
      </Routes>
    </>
  );
}

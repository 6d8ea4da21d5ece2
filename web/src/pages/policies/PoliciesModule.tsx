// 政策库 / Policy library, the benefit calculator and 免申即享 auto-grant batches; for bureau
// administrators the policy and benefit editors and the totals; for organisations the inbox.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useCurrentUser } from '../../auth/AuthContext';

const PolicyListPage = lazy(() => import('./PolicyListPage'));
const PolicyDetailPage = lazy(() => import('./PolicyDetailPage'));
const CalculatorPage = lazy(() => import('./CalculatorPage'));
const AutoGrantPage = lazy(() => import('./AutoGrantPage'));
const PolicyEditorPage = lazy(() => import('./PolicyEditorPage'));
const BenefitEditorPage = lazy(() => import('./BenefitEditorPage'));
const TotalsPage = lazy(() => import('./TotalsPage'));
const InboxPage = lazy(() => import('./InboxPage'));

export default function PoliciesModule() {
  const role = useCurrentUser().role;
  const admin = role === 'bureau_admin';
  return (
    <Routes>
      <Route index element={<PolicyListPage />} />
      <Route path="calculator" element={<CalculatorPage />} />
      <Route path="auto-grants" element={<AutoGrantPage />} />
      {admin && <Route path="new" element={<PolicyEditorPage />} />}
      {admin && <Route path=":slug/edit" element={<PolicyEditorPage />} />}
      {admin && <Route path="benefits/new" element={<BenefitEditorPage />} />}
      {admin && <Route path="benefits/:code" element={<BenefitEditorPage />} />}
      {admin && <Route path="totals" element={<TotalsPage />} />}
      {role === 'org_user' && <Route path="inbox" element={<InboxPage />} />}
      <Route path=":slug" element={<PolicyDetailPage />} />
      <Route path="*" element={<Navigate to="/policies" replace />} />
    </Routes>
  );
}

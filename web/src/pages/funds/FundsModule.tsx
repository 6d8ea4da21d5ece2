// 资金台账 / Funds: fund list, a fund's ledger, the checker's approval queue, reconciliation,
// village collectives and the guidance fund, R&D insurance (厦研保), mountain–sea agreements.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const FundListPage = lazy(() => import('./FundListPage'));
const FundDetailPage = lazy(() => import('./FundDetailPage'));
const ApprovalsPage = lazy(() => import('./ApprovalsPage'));
const ReconciliationPage = lazy(() => import('./ReconciliationPage'));
const SchemesPage = lazy(() => import('./SchemesPage'));
const InsurancePage = lazy(() => import('./InsurancePage'));
const AgreementsPage = lazy(() => import('./AgreementsPage'));
const AgreementDetailPage = lazy(() => import('./AgreementDetailPage'));

export default function FundsModule() {
  return (
    <Routes>
      <Route index element={<FundListPage />} />
      <Route path="approvals" element={<ApprovalsPage />} />
      <Route path="reconciliation" element={<ReconciliationPage />} />
      <Route path="schemes" element={<SchemesPage />} />
      <Route path="insurance" element={<InsurancePage />} />
      <Route path="agreements" element={<AgreementsPage />} />
      <Route path="agreements/:id" element={<AgreementDetailPage />} />
      <Route path=":id" element={<FundDetailPage />} />
      <Route path="*" element={<Navigate to="/funds" replace />} />
    </Routes>
  );
}

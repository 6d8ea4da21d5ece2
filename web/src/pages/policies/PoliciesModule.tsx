// 政策库 / Policy library, the benefit calculator and 免申即享 auto-grant batches.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const PolicyListPage = lazy(() => import('./PolicyListPage'));
const PolicyDetailPage = lazy(() => import('./PolicyDetailPage'));
const CalculatorPage = lazy(() => import('./CalculatorPage'));
const AutoGrantPage = lazy(() => import('./AutoGrantPage'));

export default function PoliciesModule() {
  return (
    <Routes>
      <Route index element={<PolicyListPage />} />
      <Route path="calculator" element={<CalculatorPage />} />
      <Route path="auto-grants" element={<AutoGrantPage />} />
      <Route path=":slug" element={<PolicyDetailPage />} />
      <Route path="*" element={<Navigate to="/policies" replace />} />
    </Routes>
  );
}

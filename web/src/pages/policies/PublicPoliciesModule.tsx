// 政策公开: the published policy library for everyone, at /public/policies (same pages as the
// signed-in library; the API returns published policies only to the public).
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const PolicyListPage = lazy(() => import('./PolicyListPage'));
const PolicyDetailPage = lazy(() => import('./PolicyDetailPage'));

export default function PublicPoliciesModule() {
  return (
    <Routes>
      <Route index element={<PolicyListPage />} />
      <Route path=":slug" element={<PolicyDetailPage />} />
      <Route path="*" element={<Navigate to="/public/policies" replace />} />
    </Routes>
  );
}

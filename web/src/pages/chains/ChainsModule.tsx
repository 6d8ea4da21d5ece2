// 产业图谱 / Industry chain maps: the chain list and the 4+4+6 industry system, and one page per chain.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const ChainsHome = lazy(() => import('./ChainsHome'));
const ChainMapPage = lazy(() => import('./ChainMapPage'));

export default function ChainsModule() {
  return (
    <Routes>
      <Route index element={<ChainsHome />} />
      <Route path="industries" element={<ChainsHome tab="industries" />} />
      <Route path=":chainId" element={<ChainMapPage />} />
      <Route path="*" element={<Navigate to="/chains" replace />} />
    </Routes>
  );
}

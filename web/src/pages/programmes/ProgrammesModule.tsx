// 科技计划项目 / Programmes: one module, a page per role (staff workbench, applicant workspace, reviewer inbox).
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useCurrentUser } from '../../auth/AuthContext';

const CallsPage = lazy(() => import('./CallsPage'));
const WorkspacePage = lazy(() => import('./WorkspacePage'));
const ReviewInboxPage = lazy(() => import('./ReviewInboxPage'));
const CallWorkbenchPage = lazy(() => import('./CallWorkbenchPage'));
const ApplicationPage = lazy(() => import('./ApplicationPage'));
const ReviewPage = lazy(() => import('./ReviewPage'));
const ProjectPage = lazy(() => import('./ProjectPage'));
const CallEditorPage = lazy(() => import('./CallEditorPage'));

export default function ProgrammesModule() {
  const user = useCurrentUser();
  const home = user.role === 'org_user' ? <WorkspacePage /> : user.role === 'reviewer' ? <ReviewInboxPage /> : <CallsPage />;
  return (
    <Routes>
      <Route index element={home} />
      {user.role === 'bureau_admin' && <Route path="calls/new" element={<CallEditorPage />} />}
      <Route path="calls/:id" element={<CallWorkbenchPage />} />
      <Route path="applications/:id" element={<ApplicationPage />} />
      <Route path="reviews/:id" element={<ReviewPage />} />
      <Route path="projects/:id" element={<ProjectPage />} />
      <Route path="*" element={<Navigate to="/programmes" replace />} />
    </Routes>
  );
}

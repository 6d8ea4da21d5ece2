// 揭榜挂帅 race board: every funded solver, milestone by milestone, kept or dropped at each gate.
import { Button, Input, Popover, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { useApiGet } from '../../components/useApiGet';
import { useProgrammeMessages, yuan } from './messages';
import { ProjectStatusTag } from './parts';

interface Solver { projectId: string; code: string; title: string; orgName: string; status: string; awardFen: number; paidFen: number; milestones: { key: string; decision: 'keep' | 'drop' | null; reason: string | null; trancheFen: number; trancheStatus: string | null }[] }
interface Board { call: { challenge: { milestones: { key: string; title: { zh: string; en: string } }[] } }; solvers: Solver[] }

export function ChallengeBoard({ callId, admin }: { callId: string; admin: boolean }) {
  const { t, locale } = useProgrammeMessages();
  const { data, loading, reload } = useApiGet<Board>(`/api/programmes/calls/${callId}/board`, {}, callId);
  const [reason, setReason] = useState('');
  const gate = async (s: Solver, milestone: string, decision: 'keep' | 'drop') => {
    try { await api.post(`/api/programmes/projects/${s.projectId}/gates`, { milestone, decision, reason: reason || t(decision === 'keep' ? 'board.keep' : 'board.drop') }); reload(); } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); }
  };
  const milestones = data?.call.challenge.milestones ?? [];
  return (
    <Table<Solver> data-testid="challenge-board" rowKey="projectId" size="small" loading={loading} dataSource={data?.solvers ?? []} pagination={false} scroll={{ x: 900 }} columns={[
      { title: t('col.code'), dataIndex: 'code', render: (v: string, s) => <Link to={`/programmes/projects/${s.projectId}`}>{v}</Link> },
      { title: t('col.org'), dataIndex: 'orgName' },
      { title: t('col.status'), dataIndex: 'status', render: (v: string) => <ProjectStatusTag status={v} /> },
      ...milestones.map((m, i) => ({
        title: locale === 'zh-CN' ? m.title.zh : m.title.en, key: m.key,
        render: (_v: unknown, s: Solver) => {
          const x = s.milestones[i];
          if (x.decision) return <Tag color={x.decision === 'keep' ? 'green' : 'red'} title={x.reason ?? ''}>{t(x.decision === 'keep' ? 'board.keep' : 'board.drop')} · {yuan(x.trancheFen)}</Tag>;
          const ready = admin && s.status === 'active' && (i === 0 || s.milestones[i - 1].decision === 'keep');
          return ready
            ? <Popover trigger="click" content={<Space direction="vertical"><Input size="small" placeholder={t('board.reason')} onChange={(e) => setReason(e.target.value)} /><Space><Button size="small" type="primary" onClick={() => gate(s, m.key, 'keep')}>{t('board.keep')}</Button><Button size="small" danger onClick={() => gate(s, m.key, 'drop')}>{t('board.drop')}</Button></Space></Space>}><Button size="small">{t('board.pending')}</Button></Popover>
            : <Tag>{t('board.pending')}</Tag>;
        },
      })),
      { title: t('col.paid'), dataIndex: 'paidFen', align: 'right' as const, render: yuan },
    ]} />
  );
}

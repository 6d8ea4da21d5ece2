// One project: agreement, indicators, tranches and their payment state (funds disbursements).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Input, List, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useProgrammeMessages, yuan, type ProgrammeKey } from './messages';
import { ProjectStatusTag } from './parts';
import { AgreementForm, ProjectActions, type Change } from './ProjectActions';
import type { Call, Project, Tranche } from './types';

export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useProgrammeMessages();
  usePageTitle('nav.programmes');
  const role = useCurrentUser().role;
  const admin = role === 'bureau_admin';
  const { data: p, error, reload } = useApiGet<Project & { callId: string; changes?: Change[] }>(`/api/programmes/projects/${id}`, {}, id);
  // The call's milestones (揭榜挂帅) are the tranche conditions an agreement may use besides signing, mid-term and acceptance.
  const call = useApiGet<Call>(admin && p?.status === 'agreement_pending' ? `/api/programmes/calls/${p.callId}` : '/api/programmes', {}, `${p?.callId ?? ''}-${p?.status ?? ''}`);
  const [ref, setRef] = useState('');
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!p) return null;
  const cond = (c: string) => (c.startsWith('milestone:') ? c.slice(10) : t(`proj.cond.${c}` as ProgrammeKey));
  const pay = async (no: number) => {
    try { await api.post(`/api/programmes/projects/${id}/tranches/${no}/pay`, { reference: ref || `${p.code}-${no}` }); message.success(t('proj.payRequested')); reload(); } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space>{p.code} · {p.title} <ProjectStatusTag status={p.status} />{p.synthetic && <Tag>{t('synthetic')}</Tag>}</Space>} extra={<Link to="/programmes"><Button>{t('back')}</Button></Link>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('col.org')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('col.award')}>{yuan(p.awardFen)}</Descriptions.Item>
          <Descriptions.Item label={t('col.paid')}>{yuan(p.paidFen)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {admin && p.status === 'agreement_pending' && (
        <AgreementForm key={p.agreement ? 'set' : 'new'} project={p} onDone={reload} milestones={(call.data && 'challenge' in call.data ? call.data.challenge?.milestones ?? [] : []).map((m) => m.key)} />
      )}
      <ProjectActions project={p} role={role} onDone={reload} />
      {p.agreement && (
        <Card title={`${t('proj.agreement')} · ${p.agreement.startOn} – ${p.agreement.endOn}`}>
          <List size="small" header={t('proj.deliverables')} dataSource={p.agreement.deliverables} renderItem={(d) => <List.Item>{d}</List.Item>} />
          <List size="small" header={t('proj.indicators')} dataSource={p.agreement.indicators} renderItem={(i) => <List.Item>{i.label}：{i.target} {i.unit}</List.Item>} />
        </Card>
      )}
      <Card title={t('proj.tranches')} extra={admin && <Input size="small" placeholder={t('proj.reference')} value={ref} onChange={(e) => setRef(e.target.value)} style={{ width: 200 }} />}>
        <Table<Tranche> rowKey="no" size="small" pagination={false} dataSource={p.tranches} columns={[
          { title: '#', dataIndex: 'no', render: (v: number) => t('proj.tranche', { no: v }) },
          { title: t('col.award'), dataIndex: 'amountFen', align: 'right', render: yuan },
          { title: t('proj.condition'), dataIndex: 'condition', render: cond },
          { title: t('col.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'paid' ? 'green' : v === 'requested' ? 'orange' : undefined}>{t(`proj.tstatus.${v}` as ProgrammeKey)}</Tag> },
          { title: t('proj.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
          { title: t('col.actions'), render: (_v, x) => admin && x.status === 'planned' && <Button size="small" onClick={() => pay(x.no)}>{t('proj.pay')}</Button> },
        ]} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('proj.payRequested')}</Typography.Paragraph>
      </Card>
    </Space>
  );
}

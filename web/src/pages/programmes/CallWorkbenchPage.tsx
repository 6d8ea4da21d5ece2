// Staff workbench for one call: applications and the formal check, automatic assignment,
// the ranking (panel view: calibrated scores, spreads, outliers), the lock, and decisions.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag, Tooltip, Typography, message, type TableColumnsType } from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { fmtTime, useProgrammeMessages, yuan } from './messages';
import { AppStatusTag, CallDetails } from './parts';
import { ChallengeBoard } from './ChallengeBoard';
import type { AppSummary, Call, Ranking, RankRow } from './types';

type Choice = { decision: 'award' | 'reject'; amount: number | null; reason: string };

export default function CallWorkbenchPage() {
  const { id = '' } = useParams();
  const { t } = useProgrammeMessages();
  usePageTitle('nav.programmes');
  const admin = useCurrentUser().role === 'bureau_admin';
  const call = useApiGet<Call>(`/api/programmes/calls/${id}`, {}, id);
  const apps = useApiGet<AppSummary[]>('/api/programmes/applications', { callId: id }, id);
  const ranking = useApiGet<Ranking>(`/api/programmes/calls/${id}/ranking`, {}, id);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const reloadAll = () => { call.reload(); apps.reload(); ranking.reload(); };
  const act = async (work: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try { await work(); message.success(ok); reloadAll(); } catch (e) { message.error(e instanceof ApiError ? e.detail : String(e)); } finally { setBusy(false); }
  };
  if (call.error) return <LoadError error={call.error} onRetry={call.reload} />;
  if (!call.data) return null;
  const c = call.data;
  const locked = !!ranking.data?.panelLockedAt;
  const choice = (r: RankRow): Choice => choices[r.applicationId] ?? { decision: r.rank === 1 ? 'award' : 'reject', amount: r.requestedFen / 100, reason: '' };
  const setChoice = (r: RankRow, patch: Partial<Choice>) => setChoices({ ...choices, [r.applicationId]: { ...choice(r), ...patch } });

  const appColumns: TableColumnsType<AppSummary> = [
    { title: t('col.title'), dataIndex: 'title', width: 300, render: (v: string, a) => <Link to={`/programmes/applications/${a.id}`} data-testid="wb-app-link">{v}</Link> },
    { title: t('col.org'), dataIndex: 'orgName', width: 240 },
    { title: t('col.status'), dataIndex: 'status', width: 130, render: (v: string) => <AppStatusTag status={v} /> },
    { title: t('col.requested'), dataIndex: 'requestedFen', width: 150, align: 'right', render: yuan },
    { title: t('col.submitted'), dataIndex: 'submittedAt', width: 180, render: fmtTime },
  ];
  const undecided = (ranking.data?.rows ?? []).filter((r) => r.status === 'under_review');
  const rankColumns: TableColumnsType<RankRow> = [
    { title: t('col.rank'), dataIndex: 'rank', width: 60, fixed: 'left' },
    { title: t('col.title'), dataIndex: 'title', width: 260, render: (v: string, r) => <Space direction="vertical" size={0}><span>{v}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}</Typography.Text></Space> },
    { title: t('col.zMean'), dataIndex: 'zMean', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(3)) },
    { title: t('col.rawMean'), dataIndex: 'rawMean', width: 100, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
    { title: t('col.spread'), dataIndex: 'spread', width: 130, render: (v: number | null, r) => <Space>{v ?? '—'}{r.needsPanel && <Tag color="red" data-testid="panel-flag">{t('staff.panel')}</Tag>}</Space> },
    { title: t('col.reviews'), width: 260, render: (_v, r) => <Space wrap>{r.reviews.map((x) => <Tooltip key={x.reviewer} title={x.comment ?? ''}><Tag color={x.outlier ? 'orange' : undefined}>{x.reviewer}: {x.total ?? '…'}{x.outlier ? ` · ${t('staff.outlier')}` : ''}</Tag></Tooltip>)}</Space> },
    { title: t('staff.decide'), width: 420, render: (_v, r) => r.decision
      ? <Tag color={r.decision.decision === 'award' ? 'green' : 'default'}>{t(r.decision.decision === 'award' ? 'staff.award' : 'staff.reject')} {r.decision.amountFen ? yuan(r.decision.amountFen) : ''} · {r.decision.reason}</Tag>
      : locked && admin && (
        <Space wrap>
          <Radio.Group size="small" value={choice(r).decision} onChange={(e) => setChoice(r, { decision: e.target.value })} data-testid={`decision-${r.rank}`}>
            <Radio.Button value="award">{t('staff.award')}</Radio.Button><Radio.Button value="reject">{t('staff.reject')}</Radio.Button>
          </Radio.Group>
          {choice(r).decision === 'award' && <InputNumber size="small" min={0} precision={2} value={choice(r).amount} onChange={(v) => setChoice(r, { amount: v })} style={{ width: 130 }} />}
          <Input size="small" placeholder={t('staff.reason')} value={choice(r).reason} onChange={(e) => setChoice(r, { reason: e.target.value })} style={{ width: 160 }} data-testid={`reason-${r.rank}`} />
        </Space>
      ) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space>{c.title}{c.synthetic && <Tag>{t('synthetic')}</Tag>}</Space>} extra={<Space>
        {admin && c.status === 'draft' && <Popconfirm title={t('ce.publishConfirm')} onConfirm={() => act(() => api.post(`/api/programmes/calls/${id}/publish`), t('ce.publishedOk'))}><Button type="primary" loading={busy} data-testid="call-publish">{t('staff.publish')}</Button></Popconfirm>}
        <Link to="/programmes"><Button>{t('back')}</Button></Link>
      </Space>}>
        <CallDetails call={c} />
      </Card>
      <Card title={t('tab.apps')} extra={admin && <Button data-testid="assign" loading={busy} onClick={() => act(async () => { const r = await api.post<unknown[]>(`/api/programmes/calls/${id}/assign`); message.info(t('staff.assigned', { n: r.length })); }, t('staff.assign'))}>{t('staff.assign')}</Button>}>
        <LoadError error={apps.error} onRetry={apps.reload} />
        <Table<AppSummary> data-testid="wb-apps" rowKey="id" size="small" columns={appColumns} dataSource={(apps.data ?? []).filter((a) => a.status !== 'draft')} loading={apps.loading} scroll={{ x: 1000 }} locale={{ emptyText: t('empty.apps') }} pagination={false} />
      </Card>
      <Card title={t('staff.ranking')} extra={admin && !locked && (
        <Popconfirm title={t('staff.lockConfirm')} onConfirm={() => act(() => api.post(`/api/programmes/calls/${id}/lock`), t('staff.lock'))} okButtonProps={{ 'data-testid': 'lock-confirm' } as Record<string, string>}>
          <Button data-testid="lock" loading={busy}>{t('staff.lock')}</Button>
        </Popconfirm>
      )}>
        {locked && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('staff.locked', { at: fmtTime(ranking.data!.panelLockedAt) })} />}
        <LoadError error={ranking.error} onRetry={ranking.reload} />
        <Table<RankRow> data-testid="ranking" rowKey="applicationId" size="small" columns={rankColumns} dataSource={ranking.data?.rows ?? []} loading={ranking.loading} scroll={{ x: 1300 }} pagination={false} />
        {locked && admin && undecided.length > 0 && (
          <Space style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('staff.budgetLeft', { budget: yuan(c.budgetFen) })}</Typography.Text>
            <Button type="primary" data-testid="record-decisions" loading={busy} onClick={() => act(() => api.post(`/api/programmes/calls/${id}/decisions`, {
              decisions: undecided.map((r) => { const ch = choice(r); return { applicationId: r.applicationId, decision: ch.decision, amountFen: ch.decision === 'award' && ch.amount !== null ? Math.round(ch.amount * 100) : undefined, reason: ch.reason || (ch.decision === 'award' ? '评审排名靠前' : '排名靠后') }; }),
            }), t('staff.recorded'))}>{t('staff.record')}</Button>
          </Space>
        )}
      </Card>
      {c.challenge && <Card title={t('board.title')}><ChallengeBoard callId={id} admin={admin} /></Card>}
    </Space>
  );
}

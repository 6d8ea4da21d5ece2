// 创新载体名录: the registry of every kind beside the letter's figures, and each carrier's yearly
// evaluation explained per criterion, its yearly reports (submitted by its host organisation), and
// the bureau's registration form (the services are on their own page).
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Drawer, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { CarrierForm } from './CarrierForm';
import { ReportsPanel, type Report } from './ReportsPanel';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useCarrierMessages } from './messages';

interface Named { zh: string; en: string }
interface Summary { kind: string; kindName: Named; platformCount: number; syntheticCount: number; letter: { value: number; unit: string; period: string; source: string; zh: string; en: string } | null }
interface Carrier {
  id: string; kind: string; kindName: Named; name: string; level: string; staff: number; synthetic: boolean; host: { id: string; uscc: string; name: string } | null; establishedOn: string;
  chainLinks: { id: string; chain: Named; name: Named }[]; members: { name: string; role: string }[]; latestEvaluation: { year: number; grade: string; score: number } | null;
}
interface Criterion { id: string; text: Named; actual: number; unit: string; threshold: Named; points: { value: number; max: number }; verdict: 'pass' | 'partial' | 'fail' }
interface Evaluation { year: number; score: number; grade: string; result: { gradeName: Named; criteria: Criterion[]; version: { effectiveFrom: string; example: boolean; note: string | null } } }

const GRADE_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'gold', D: 'red' };

export default function RegistryPage() {
  const { t, locale } = useCarrierMessages();
  usePageTitle('nav.carriers');
  const n = (x: Named) => (locale === 'zh-CN' ? x.zh : x.en);
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const summary = useApiGet<Summary[]>('/api/carriers/summary', {}, 'summary');
  const list = useApiGet<Carrier[]>('/api/carriers', { kind }, kind);
  const [open, setOpen] = useState<Carrier | null>(null);
  // Also the public page (/public/carriers): without a user, no registration and no reports.
  const { user } = useAuth();
  const admin = user?.role === 'bureau_admin';
  const [registering, setRegistering] = useState(false);
  const reports = useApiGet<{ evaluations: Evaluation[]; reports: Report[] }>(open ? `/api/carriers/${open.id}/reports` : '/api/carriers/summary', {}, open?.id ?? 'none');
  const source = summary.data?.find((s) => s.letter)?.letter?.source ?? '';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </Card>
      <LoadError error={summary.error} onRetry={summary.reload} />
      <Row gutter={[12, 12]} data-testid="carrier-summary">
        {(summary.data ?? []).map((s) => (
          <Col key={s.kind} xs={12} md={6}>
            <Card size="small" hoverable onClick={() => setParams(s.kind === kind ? {} : { kind: s.kind })} style={s.kind === kind ? { borderColor: '#1558d6' } : undefined}>
              <Statistic title={n(s.kindName)} value={s.platformCount} suffix={s.syntheticCount ? <Tag color="orange">{t('synthetic')}</Tag> : null} />
              {s.letter
                ? <Tooltip title={`${s.letter.source} · ${n(s.letter)}`}><Typography.Text type="secondary" underline>{t('summary.letter', { value: s.letter.value, unit: s.letter.unit })}</Typography.Text></Tooltip>
                : <Typography.Text type="secondary">{t('summary.noLetter')}</Typography.Text>}
            </Card>
          </Col>
        ))}
      </Row>
      {source && <Typography.Text type="secondary">{t('summary.note', { source })}</Typography.Text>}
      <Card>
        <Space style={{ marginBottom: 12 }}>
          {admin && <Button type="primary" onClick={() => setRegistering(true)} data-testid="carrier-new">{t('form.new')}</Button>}
          <label htmlFor="carrier-kind-filter">{t('kind')}</label>
          <Select id="carrier-kind-filter" allowClear style={{ width: 220 }} value={kind || undefined} onChange={(v) => setParams(v ? { kind: v } : {})}
            options={(summary.data ?? []).map((s) => ({ value: s.kind, label: n(s.kindName) }))} />
        </Space>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<Carrier>
          data-testid="carrier-table" rowKey="id" loading={list.loading} dataSource={list.data ?? []} scroll={{ x: 1300 }} locale={{ emptyText: t('empty') }} pagination={{ pageSize: 20 }}
          columns={[
            { title: t('col.name'), dataIndex: 'name', fixed: 'left', width: 280, render: (v: string, c) => <span>{v}{c.synthetic && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
            { title: t('kind'), width: 160, render: (_v, c) => n(c.kindName) },
            { title: t('level'), dataIndex: 'level', width: 90, render: (v: string) => t(`level.${v}` as never) },
            { title: t('col.host'), width: 220, render: (_v, c) => c.host?.name ?? t('none') },
            { title: t('col.links'), width: 220, render: (_v, c) => c.chainLinks.map((l) => <Tag key={l.id}>{n(l.chain)} · {n(l.name)}</Tag>) },
            { title: t('col.staff'), dataIndex: 'staff', width: 90, align: 'right' },
            { title: t('col.members'), width: 200, render: (_v, c) => (c.members.length ? c.members.map((m) => `${m.name}（${t(m.role as never)}）`).join('、') : t('none')) },
            {
              title: t('col.grade'), width: 160, fixed: 'right',
              render: (_v, c) => <Space>{c.latestEvaluation ? <Tag color={GRADE_COLOR[c.latestEvaluation.grade]}>{c.latestEvaluation.year} · {c.latestEvaluation.grade}</Tag> : t('none')}{user && <Button size="small" type="link" onClick={() => setOpen(c)} data-testid="carrier-eval">{t('eval.open')}</Button>}</Space>,
            },
          ]}
        />
      </Card>
      <Drawer width={720} open={!!open} onClose={() => setOpen(null)} title={open ? `${open.name} · ${t('eval.title')}` : ''}>
        {open && (reports.data?.evaluations?.length ? reports.data.evaluations.map((e) => (
          <Card key={e.year} size="small" style={{ marginBottom: 12 }} data-testid="eval-card"
            title={<Space>{t('eval.year', { year: e.year })}<Tag color={GRADE_COLOR[e.grade]}>{e.grade} · {n(e.result.gradeName)}</Tag>{t('eval.score', { score: e.score })}</Space>}
            extra={e.result.version.example ? <Tooltip title={e.result.version.note}><Tag color="orange">{t('eval.example')}</Tag></Tooltip> : t('eval.version', { from: e.result.version.effectiveFrom })}>
            <Table<Criterion> rowKey="id" size="small" pagination={false} dataSource={e.result.criteria}
              columns={[
                { title: t('eval.criterion'), render: (_v, c) => n(c.text) },
                { title: t('eval.actual'), align: 'right', render: (_v, c) => (c.unit === 'fen' ? `${(c.actual / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${locale === 'zh-CN' ? '万元' : '×¥10k'}` : c.actual) },
                { title: t('eval.threshold'), render: (_v, c) => n(c.threshold) },
                { title: t('eval.points'), align: 'right', render: (_v, c) => <span>{c.points.value} / {c.points.max} <Tag color={c.verdict === 'pass' ? 'green' : c.verdict === 'partial' ? 'gold' : 'red'}>{t(`eval.verdict.${c.verdict}`)}</Tag></span> },
              ]} />
          </Card>
        )) : <Typography.Text type="secondary">{reports.error ?? t('eval.none')}</Typography.Text>)}
        {open && user && reports.data?.reports && (
          <ReportsPanel carrierId={open.id} reports={reports.data.reports} admin={admin}
            canSubmit={user.role !== 'org_user' || open.host?.id === user.orgId} onChange={() => { reports.reload(); list.reload(); }} />
        )}
      </Drawer>
      {registering && <CarrierForm onClose={() => setRegistering(false)} onSaved={() => { setRegistering(false); list.reload(); summary.reload(); }} />}
    </Space>
  );
}

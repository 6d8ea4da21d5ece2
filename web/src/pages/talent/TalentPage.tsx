// 产教融合: units with the letter's figures beside the platform's counts, and a chain's talent
// supply beside the staffing of its organisations; the bureau registers units, staff record a year.
import { useSearchParams } from 'react-router-dom';
import { useState } from 'react';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useAuth } from '../../auth/AuthContext';
import { UnitForm, YearForm } from './TalentForms';
import { SvgChart } from '../../components/SvgChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useTalentMessages } from './messages';

interface Named { zh: string; en: string }
interface Fig { id: string; zh: string; en: string; value: number; unit: string; period: string; source: string }
interface Summary { kinds: { kind: string; kindName: Named; platformCount: number; syntheticCount: number; letter: Fig }[]; letterTalent: Fig[] }
interface Unit {
  id: string; kind: string; kindName: Named; name: string; level: string | null; synthetic: boolean; institution: { id: string; name: string } | null; partners: { name: string }[];
  chainLinks: { id: string; chain: Named; name: Named }[]; years: { year: number; trainees: number; graduates: number }[];
}
interface ChainView {
  chain: Named; latestYear: number | null;
  byYear: { year: number; trainees: number; graduates: number; organisations: number; employees: number; rdStaff: number }[];
  byLink: { linkId: string; name: Named; units: number; trainees: number; graduates: number; organisations: number; employees: number; rdStaff: number }[];
}

export default function TalentPage() {
  const { t, locale } = useTalentMessages();
  usePageTitle('nav.talent');
  const n = (x: Named) => (locale === 'zh-CN' ? x.zh : x.en);
  const [params, setParams] = useSearchParams();
  const chainId = params.get('chain') ?? 'new_energy_storage';
  const summary = useApiGet<Summary>('/api/talent/summary', {}, 'summary');
  const units = useApiGet<Unit[]>('/api/talent/units', {}, 'units');
  const source = summary.data?.kinds[0]?.letter.source ?? '';
  const fmt = (v: number) => v.toLocaleString('en-US');
  // Also the public page (/public/carriers): without a user, no forms and no chain view (staff only).
  const { user } = useAuth();
  const staff = user?.role === 'bureau_admin' || user?.role === 'district_officer';
  const [viewReload, setViewReload] = useState(0);
  const [newUnit, setNewUnit] = useState(false);
  const [yearOf, setYearOf] = useState<Unit | null>(null);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </Card>
      <LoadError error={summary.error} onRetry={summary.reload} />
      <Row gutter={[12, 12]} data-testid="talent-summary">
        {(summary.data?.kinds ?? []).map((k) => (
          <Col key={k.kind} xs={12} md={4}>
            <Card size="small">
              <Statistic title={n(k.kindName)} value={k.platformCount} suffix={k.syntheticCount ? <Tag color="orange">{t('synthetic')}</Tag> : null} />
              <Tooltip title={`${k.letter.source} · ${n(k.letter)}（${t(k.letter.period === 'per year' ? 'period.perYear' : k.letter.period === 'cumulative' ? 'period.cumulative' : 'period.plan')}）`}><Typography.Text type="secondary" underline>{t('letter', { value: k.letter.value, unit: k.letter.unit })}</Typography.Text></Tooltip>
            </Card>
          </Col>
        ))}
        {(summary.data?.letterTalent ?? []).map((f) => (
          <Col key={f.id} xs={12} md={4}>
            <Card size="small">
              <Tooltip title={f.source}><Statistic title={n(f)} value={f.value} suffix={f.unit} /></Tooltip>
              <Typography.Text type="secondary">{t('talentLetter')}（{t(f.period === 'per year' ? 'period.perYear' : f.period === 'cumulative' ? 'period.cumulative' : 'period.plan')}）</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {source && <Typography.Text type="secondary">{t('note', { source })}</Typography.Text>}
      {staff && <ChainTalentCard chainId={chainId} onChain={(v) => setParams({ chain: v })} reloadKey={viewReload} />}
      <Card title={t('units')} extra={user?.role === 'bureau_admin' && <Button type="primary" onClick={() => setNewUnit(true)} data-testid="unit-new">{t('form.newUnit')}</Button>}>
        <Table<Unit> rowKey="id" loading={units.loading} dataSource={units.data ?? []} scroll={{ x: 1200 }} pagination={{ pageSize: 20 }}
          columns={[
            { title: t('col.name'), dataIndex: 'name', fixed: 'left', width: 260, render: (v: string, u) => <span>{v}{u.synthetic && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
            { title: t('col.kind'), width: 150, render: (_v, u) => n(u.kindName) },
            { title: t('col.level'), dataIndex: 'level', width: 110, render: (v: string | null) => (v ? t(`level.${v}` as never) : '—') },
            { title: t('col.institution'), width: 200, render: (_v, u) => u.institution?.name ?? '—' },
            { title: t('col.partners'), width: 240, render: (_v, u) => u.partners.map((p) => p.name).join('、') },
            { title: t('col.links'), width: 220, render: (_v, u) => u.chainLinks.map((l) => <Tag key={l.id}>{n(l.chain)} · {n(l.name)}</Tag>) },
            { title: t('col.latest'), width: 160, align: 'right', render: (_v, u) => { const y = u.years.at(-1); return y ? `${y.year}: ${y.trainees} / ${y.graduates}` : '—'; } },
            { title: '', width: 120, fixed: 'right', render: (_v, u) => user && (user.role !== 'org_user' || u.institution?.id === user.orgId) && <Button size="small" type="link" onClick={() => setYearOf(u)} data-testid="unit-year">{t('form.yearShort')}</Button> },
          ]} />
      </Card>
      {newUnit && <UnitForm kinds={summary.data?.kinds ?? []} onClose={() => setNewUnit(false)} onSaved={() => { setNewUnit(false); units.reload(); summary.reload(); }} />}
      {yearOf && <YearForm unit={yearOf} onClose={() => setYearOf(null)} onSaved={() => { setYearOf(null); units.reload(); setViewReload((n) => n + 1); }} />}
    </Space>
  );
}

/** A chain's talent supply beside the staffing of its organisations (staff only). */
function ChainTalentCard({ chainId, onChain, reloadKey }: { chainId: string; onChain: (id: string) => void; reloadKey: number }) {
  const { t, locale } = useTalentMessages();
  const n = (x: Named) => (locale === 'zh-CN' ? x.zh : x.en);
  const fmt = (v: number) => v.toLocaleString('en-US');
  const chains = useApiGet<{ items: { id: string; zh: string; en: string }[] }>('/api/chains', {}, 'chains');
  const view = useApiGet<ChainView>(`/api/talent/chains/${chainId}`, {}, `${chainId}|${reloadKey}`);
  const years = view.data?.byYear ?? [];
  return (
    <Card title={t('chain.title')} extra={
      <Select style={{ width: 240 }} value={chainId} onChange={onChain} placeholder={t('chain.pick')} data-testid="talent-chain"
        options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: locale === 'zh-CN' ? c.zh : c.en }))} />
    }>
      <Typography.Paragraph type="secondary">{t('chain.note')}</Typography.Paragraph>
      <LoadError error={view.error} onRetry={view.reload} />
      {years.length > 0 && (
        <SvgChart
          title={`${view.data ? n(view.data.chain) : ''} · ${t('chain.chart')}`} unit={locale === 'zh-CN' ? '单位：人' : 'Unit: persons'} categories={years.map((y) => String(y.year))}
          series={[
            { name: t('chain.trainees'), type: 'bar', values: years.map((y) => y.trainees), color: '#1558d6', format: fmt },
            { name: t('chain.graduates'), type: 'bar', values: years.map((y) => y.graduates), color: '#52c41a', format: fmt },
            { name: t('chain.rdStaff'), type: 'line', values: years.map((y) => y.rdStaff), color: '#fa8c16', format: fmt },
          ]}
          labels={{ showTable: locale === 'zh-CN' ? '查看数据表' : 'Show table', hideTable: locale === 'zh-CN' ? '收起数据表' : 'Hide table', category: t('chain.year') }} testId="talent-chart"
        />
      )}
      <Table rowKey="year" size="small" pagination={false} dataSource={years} style={{ marginTop: 12 }} data-testid="talent-years"
        columns={[
          { title: t('chain.year'), dataIndex: 'year' },
          { title: t('chain.trainees'), dataIndex: 'trainees', align: 'right', render: fmt },
          { title: t('chain.graduates'), dataIndex: 'graduates', align: 'right', render: fmt },
          { title: t('chain.orgs'), dataIndex: 'organisations', align: 'right', render: fmt },
          { title: t('chain.employees'), dataIndex: 'employees', align: 'right', render: fmt },
          { title: t('chain.rdStaff'), dataIndex: 'rdStaff', align: 'right', render: fmt },
        ]} />
      <Table rowKey="linkId" size="small" pagination={false} dataSource={(view.data?.byLink ?? []).filter((l) => l.units || l.organisations)} style={{ marginTop: 12 }}
        columns={[
          { title: `${t('chain.link')}（${view.data?.latestYear ?? ''}）`, render: (_v, l) => n(l.name) },
          { title: t('chain.units'), dataIndex: 'units', align: 'right' },
          { title: t('chain.trainees'), dataIndex: 'trainees', align: 'right', render: fmt },
          { title: t('chain.graduates'), dataIndex: 'graduates', align: 'right', render: fmt },
          { title: t('chain.orgs'), dataIndex: 'organisations', align: 'right' },
          { title: t('chain.employees'), dataIndex: 'employees', align: 'right', render: fmt },
          { title: t('chain.rdStaff'), dataIndex: 'rdStaff', align: 'right', render: fmt },
        ]} />
    </Card>
  );
}

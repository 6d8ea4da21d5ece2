// 科技保险（厦研保）: the year's portfolio (enterprises, premiums, claims, payouts, loss ratio and
// the approved premium subsidy), then products, policies and claims. Staff read; the bureau
// records policies and the insurer's decisions through the API.
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { GrantBatchPayment } from './GrantPayment';
import { useFundsMessages, wan } from './messages';

interface Product { id: string; code: string; name: string; insurer: string; coverage: string; premiumRateBp: number; maxSumInsuredFen: number; active: boolean; synthetic: boolean; enrolments: number }
interface Enrolment {
  id: string; productName: string; uscc: string; orgName: string; district: string; policyNo: string; sumInsuredFen: number; premiumFen: number;
  startsOn: string; endsOn: string; status: 'active' | 'cancelled'; synthetic: boolean; claimedFen: number; paidOutFen: number;
}
interface Claim { id: string; policyNo: string; orgName: string; lossOn: string; claimedFen: number; description: string; status: 'open' | 'paid' | 'rejected'; payoutFen: number | null; decidedBy: string | null; synthetic: boolean }
interface Summary {
  year: number; enrolledOrgs: number; policies: number; premiumFen: number; sumInsuredFen: number; claims: number; openClaims: number; paidOutFen: number;
  lossRatio: number | null; subsidy: { approvedFen: number; organisations: number; batchId: string | null }; synthetic: number;
}

const STATUS_COLOR = { active: 'green', cancelled: 'default', open: 'orange', paid: 'green', rejected: 'red' } as const;

export default function InsurancePage() {
  const { t: tt } = useI18n();
  const { t, locale } = useFundsMessages();
  usePageTitle('nav.funds');
  useBreadcrumbTrail([{ title: t('ins.title') }]);
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year') ?? thisYear);
  const summary = useApiGet<Summary>('/api/funds/insurance/summary', { year }, String(year));
  const products = useApiGet<Product[]>('/api/funds/insurance/products', {}, '');
  const enrolments = useApiGet<Enrolment[]>('/api/funds/insurance/enrolments', { year }, String(year));
  const claims = useApiGet<Claim[]>('/api/funds/insurance/claims', {}, '');
  const w = (fen: number) => wan(fen).toLocaleString(locale, { maximumFractionDigits: 2 });
  const s = summary.data;

  const productColumns: TableColumnsType<Product> = [
    { key: 'code', title: t('ins.col.code'), dataIndex: 'code', width: 120 },
    { key: 'name', title: t('ins.col.product'), render: (_, p) => <Space>{p.name}{p.synthetic && <Tag>{t('ins.example')}</Tag>}</Space> },
    { key: 'insurer', title: t('ins.col.insurer'), dataIndex: 'insurer' },
    { key: 'coverage', title: t('ins.col.coverage'), render: (_, p) => t(`ins.coverage.${p.coverage}` as 'ins.coverage.rd_failure') },
    { key: 'rate', title: t('ins.col.rate'), align: 'right', render: (_, p) => `${(p.premiumRateBp / 100).toFixed(2)}%` },
    { key: 'max', title: t('ins.col.maxSum'), align: 'right', render: (_, p) => w(p.maxSumInsuredFen) },
    { key: 'active', title: t('ins.col.active'), dataIndex: 'enrolments', align: 'right' },
  ];
  const enrolmentColumns: TableColumnsType<Enrolment> = [
    { key: 'org', title: t('ins.col.org'), fixed: 'left', width: 240, render: (_, e) => <Space direction="vertical" size={0}><span>{e.orgName}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{districtLabel(tt, e.district)}</Typography.Text></Space> },
    { key: 'policyNo', title: t('ins.col.policyNo'), dataIndex: 'policyNo', width: 170 },
    { key: 'product', title: t('ins.col.product'), dataIndex: 'productName', width: 200 },
    { key: 'period', title: t('ins.col.period'), width: 210, render: (_, e) => `${e.startsOn} – ${e.endsOn}` },
    { key: 'sum', title: t('ins.col.sum'), align: 'right', render: (_, e) => w(e.sumInsuredFen) },
    { key: 'premium', title: t('ins.col.premium'), align: 'right', render: (_, e) => w(e.premiumFen) },
    { key: 'claimed', title: t('ins.col.claimed'), align: 'right', render: (_, e) => w(e.claimedFen) },
    { key: 'paid', title: t('ins.col.paidOut'), align: 'right', render: (_, e) => w(e.paidOutFen) },
    { key: 'status', title: t('ins.col.status'), render: (_, e) => <Space><Tag color={STATUS_COLOR[e.status]}>{t(`ins.status.${e.status}`)}</Tag>{e.synthetic && <Tag>{t('ins.example')}</Tag>}</Space> },
  ];
  const claimColumns: TableColumnsType<Claim> = [
    { key: 'org', title: t('ins.col.org'), dataIndex: 'orgName', width: 220 },
    { key: 'policyNo', title: t('ins.col.policyNo'), dataIndex: 'policyNo', width: 170 },
    { key: 'lossOn', title: t('ins.col.lossOn'), dataIndex: 'lossOn', width: 120 },
    { key: 'description', title: t('ins.col.description'), dataIndex: 'description' },
    { key: 'claimed', title: t('ins.col.claimed'), align: 'right', render: (_, c) => w(c.claimedFen) },
    { key: 'payout', title: t('ins.col.payout'), align: 'right', render: (_, c) => (c.payoutFen === null ? '—' : w(c.payoutFen)) },
    { key: 'status', title: t('ins.col.status'), render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`ins.status.${c.status}`)}</Tag> },
    { key: 'decidedBy', title: t('ins.col.decidedBy'), render: (_, c) => c.decidedBy ?? '—' },
  ];

  // Premiums and payouts of the year's policies by product.
  const byProduct = new Map<string, { premium: number; paid: number }>();
  for (const e of enrolments.data ?? []) {
    if (e.status !== 'active') continue;
    const row = byProduct.get(e.productName) ?? { premium: 0, paid: 0 };
    row.premium += e.premiumFen;
    row.paid += e.paidOutFen;
    byProduct.set(e.productName, row);
  }
  const chartRows = [...byProduct.entries()];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('ins.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('ins.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Typography.Text>{t('ins.year')}</Typography.Text>
          <Select
            value={year} style={{ width: 110 }} data-testid="insurance-year"
            options={[0, 1, 2, 3].map((k) => ({ value: thisYear - k, label: String(thisYear - k) }))}
            onChange={(v) => setParams({ year: String(v) })}
          />
        </Space>
      </div>
      <LoadError error={summary.error} onRetry={summary.reload} />
      {s && (
        <Card data-testid="insurance-summary">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.orgs')} value={s.enrolledOrgs} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.policies')} value={s.policies} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.premium')} value={w(s.premiumFen)} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.sum')} value={w(s.sumInsuredFen)} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.claims')} value={locale === 'en-US' ? `${s.claims} (${s.openClaims})` : `${s.claims}（${s.openClaims}）`} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.paid')} value={w(s.paidOutFen)} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.lossRatio')} value={s.lossRatio === null ? '—' : `${(s.lossRatio * 100).toFixed(1)}%`} /></Col>
            <Col xs={12} md={6} lg={3}><Statistic title={t('ins.kpi.subsidy')} value={w(s.subsidy.approvedFen)} /></Col>
          </Row>
          <Alert style={{ marginTop: 16 }} type="info" showIcon message={`${t('ins.subsidyNote')}${s.synthetic ? ` ${t('ins.synthetic', { n: s.synthetic })}` : ''}`} />
          {s.subsidy.batchId && <div style={{ marginTop: 12 }}><GrantBatchPayment batchId={s.subsidy.batchId} /></div>}
        </Card>
      )}
      {chartRows.length > 0 && (
        <Card>
          <EChart
            title={t('ins.chart')} unit={t('ins.unit')} fileName={`rd-insurance-${year}`}
            labels={{ showTable: t('chart.showTable'), hideTable: t('chart.hideTable'), png: t('chart.png') }}
            option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0, data: [t('ins.col.premium'), t('ins.col.paidOut')] }, grid: { left: 60, right: 20, bottom: 30, top: 44 },
              xAxis: { type: 'category', data: chartRows.map(([k]) => k) }, yAxis: { type: 'value' },
              series: [
                { name: t('ins.col.premium'), type: 'bar', data: chartRows.map(([, v]) => wan(v.premium)) },
                { name: t('ins.col.paidOut'), type: 'bar', data: chartRows.map(([, v]) => wan(v.paid)) },
              ],
            }}
            table={{
              columns: [{ key: 'p', title: t('ins.col.product') }, { key: 'premium', title: t('ins.col.premium'), align: 'right' }, { key: 'paid', title: t('ins.col.paidOut'), align: 'right' }],
              rows: chartRows.map(([k, v]) => ({ p: k, premium: w(v.premium), paid: w(v.paid) })),
            }}
          />
        </Card>
      )}
      <Card size="small">
        <Tabs
          items={[
            { key: 'enrolments', label: `${t('ins.tab.enrolments')} (${enrolments.data?.length ?? 0})`, children: <><LoadError error={enrolments.error} onRetry={enrolments.reload} /><Table rowKey="id" size="middle" loading={enrolments.loading} columns={enrolmentColumns} dataSource={enrolments.data ?? []} scroll={{ x: 1500 }} pagination={{ pageSize: 20, showSizeChanger: false }} data-testid="insurance-enrolments" /></> },
            { key: 'products', label: t('ins.tab.products'), children: <Table rowKey="id" size="middle" loading={products.loading} columns={productColumns} dataSource={products.data ?? []} pagination={false} data-testid="insurance-products" /> },
            { key: 'claims', label: t('ins.tab.claims'), children: <Table rowKey="id" size="middle" loading={claims.loading} columns={claimColumns} dataSource={claims.data ?? []} scroll={{ x: 1200 }} pagination={{ pageSize: 20, showSizeChanger: false }} data-testid="insurance-claims" /> },
          ]}
        />
      </Card>
    </Space>
  );
}

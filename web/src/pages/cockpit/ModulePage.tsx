// One cockpit page per module (梯次培育, 政策兑现, 产业链, 科技项目, 资金, 成果转化与载体, 数字化):
// its platform figures beside the letter's, and charts by district, by chain and by what a figure
// is made of. Every bar opens the rows behind it (the indicator page, filtered); the view exports
// to Excel, each chart to PNG.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Row, Segmented, Skeleton, Space, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { IndicatorCard } from './IndicatorCard';
import { useCockpitMessages, type CockpitKey } from './messages';
import { TIER_NAMES } from './tiers';
import { formatNumber, name, unitLabel, type ByChain, type ByDistrict, type Indicator, type Rows } from './types';

type ChartSpec =
  | { kind: 'district'; ids: string[]; title?: CockpitKey }
  | { kind: 'chain'; id: string }
  | { kind: 'items'; id: string }
  | { kind: 'tiers' };

const TIERS = ['tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'hnte'];
const CARRIERS = ['platform_enterprise_rd_centers', 'platform_public_service_platforms', 'platform_innovation_consortia', 'platform_national_research_institutes', 'platform_provincial_innovation_labs'];

/** Each page: the indicators it shows (platform ones first, then the letter's) and its charts. */
export const MODULE_PAGES: Record<string, { ids: string[]; charts: ChartSpec[] }> = {
  cultivation: {
    ids: ['platform_hnte_holders', 'platform_hnte_new', 'platform_little_giant_new', ...TIERS.map((t) => `platform_meets_${t}`), 'hnte_count', 'new_hnte', 'new_little_giants'],
    charts: [
      { kind: 'tiers' }, { kind: 'district', ids: ['platform_hnte_holders'] },
      { kind: 'district', ids: ['platform_hnte_new', 'platform_little_giant_new'], title: 'chart.newlyCertified' }, { kind: 'chain', id: 'platform_hnte_holders' },
    ],
  },
  policies: {
    ids: ['platform_autogrant_amount', 'platform_orgs_granted', 'platform_benefits_published', 'tax_incentives_total', 'policy_measures', 'policy_key_tasks', 'implementing_documents'],
    charts: [{ kind: 'district', ids: ['platform_orgs_granted'] }, { kind: 'district', ids: ['platform_autogrant_amount'] }, { kind: 'chain', id: 'platform_orgs_granted' }],
  },
  chains: {
    ids: ['platform_chain_completeness', 'platform_chain_orgs'],
    charts: [{ kind: 'items', id: 'platform_chain_completeness' }, { kind: 'chain', id: 'platform_chain_orgs' }, { kind: 'district', ids: ['platform_chain_orgs'] }],
  },
  programmes: {
    ids: ['platform_major_projects', 'platform_transformation_projects', 'platform_disbursed', 'major_tech_projects', 'hnte_transformation_projects', 'susong_cup_editions'],
    charts: [
      { kind: 'district', ids: ['platform_major_projects', 'platform_transformation_projects'], title: 'chart.projectsSigned' }, { kind: 'chain', id: 'platform_major_projects' },
      { kind: 'district', ids: ['platform_disbursed'] },
    ],
  },
  funds: {
    ids: ['platform_fund_balance', 'platform_disbursed', 'platform_collective_projects', 'platform_village_support', 'guidance_subfunds', 'guidance_subfunds_size', 'mountain_sea_city_funds', 'mountain_sea_district_funds', 'collective_projects', 'village_collective_income_avg'],
    charts: [
      { kind: 'items', id: 'platform_fund_balance' }, { kind: 'district', ids: ['platform_disbursed'] },
      { kind: 'district', ids: ['platform_collective_projects'] }, { kind: 'district', ids: ['platform_village_support'] },
    ],
  },
  market: {
    ids: ['platform_tech_contracts', 'platform_enclave_projects_landed', ...CARRIERS, 'tech_projects_landed', 'enterprise_rd_centers', 'public_tech_service_platforms', 'innovation_consortia', 'national_research_institutes', 'provincial_innovation_labs'],
    charts: [
      { kind: 'district', ids: CARRIERS, title: 'chart.carriers' }, { kind: 'district', ids: ['platform_tech_contracts'] },
      { kind: 'chain', id: 'platform_tech_contracts' }, { kind: 'district', ids: ['platform_enclave_projects_landed'] },
    ],
  },
  digital: {
    ids: ['platform_digital_diagnosed', 'platform_cloud_adopters', 'digital_diagnoses', 'cloud_enterprises', 'digital_transformation_smes', 'digital_solutions', 'smart_retrofit_projects'],
    charts: [{ kind: 'district', ids: ['platform_digital_diagnosed', 'platform_cloud_adopters'], title: 'chart.digital' }, { kind: 'chain', id: 'platform_digital_diagnosed' }],
  },
};
export const MODULE_KEYS = Object.keys(MODULE_PAGES);

/** Counts have whole-number axes. */
const wholeUnits = (unit: string) => (['家', '个', '项', '人', '份', '条', '支', '届'].includes(unit) ? 1 : 0);

function useLabels() {
  const { t: m } = useCockpitMessages();
  return { showTable: m('chart.showTable'), hideTable: m('chart.hideTable'), png: m('chart.png') };
}

function DistrictChart({ indicators, titleKey }: { indicators: Indicator[]; titleKey?: CockpitKey }) {
  const { t } = useI18n();
  const { t: m, locale } = useCockpitMessages();
  const navigate = useNavigate();
  const labels = useLabels();
  const ids = indicators.map((i) => i.id);
  const key = ids.join(',');
  // One request per indicator, joined: the chart appears when all have answered.
  const [data, setData] = useState<ByDistrict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setError(null);
    Promise.all(key.split(',').map((id) => api.get<ByDistrict>(`/api/indicators/${id}/by-district`)))
      .then((d) => { if (!cancelled) setData(d); })
      .catch((caught) => { if (!cancelled) setError(caught instanceof ApiError ? caught.detail : String(caught)); });
    return () => { cancelled = true; };
  }, [key, attempt]);
  if (error) return <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!data) return <Skeleton active />;
  const districts = data[0].values.map((v) => v.district);
  const unit = unitLabel(indicators[0].unit, locale);
  const title = titleKey ? m(titleKey) : m('chart.byDistrict', { name: name(indicators[0].name, locale) });
  return (
    <EChart
      testId={`chart-district-${ids[0]}`} title={title} unit={`${m('list.unit')}：${unit}`} labels={labels} fileName={`${ids[0]}-by-district`} height={300}
      onClick={(p) => navigate(`/cockpit/indicators/${ids[p.seriesIndex ?? 0]}?district=${districts[p.dataIndex]}&period=${data[p.seriesIndex ?? 0].period}`)}
      option={{
        tooltip: { trigger: 'axis' }, legend: indicators.length > 1 ? { top: 0, type: 'scroll' } : undefined,
        grid: { left: 56, right: 16, top: indicators.length > 1 ? 40 : 16, bottom: 28 },
        xAxis: { type: 'category', data: districts.map((d) => districtLabel(t, d)) }, yAxis: { type: 'value', minInterval: wholeUnits(indicators[0].unit) },
        series: indicators.map((i, n) => ({ type: 'bar', name: name(i.name, locale), data: data[n].values.map((v) => v.value), cursor: 'pointer', label: indicators.length === 1 ? { show: true, position: 'top' } : undefined })),
      }}
      table={{
        columns: [{ key: 'district', title: m('chart.district.col') }, ...indicators.map((i) => ({ key: i.id, title: `${name(i.name, locale)}（${data[0].period}）`, align: 'right' as const }))],
        rows: districts.map((d, row) => ({ district: districtLabel(t, d), ...Object.fromEntries(indicators.map((i, n) => [i.id, formatNumber(data[n].values[row].value)])) })),
      }}
    />
  );
}

function ChainChart({ indicator }: { indicator: Indicator }) {
  const { t: m, locale } = useCockpitMessages();
  const navigate = useNavigate();
  const labels = useLabels();
  const { data } = useApiGet<ByChain>(`/api/indicators/${indicator.id}/by-chain`, {}, indicator.id);
  if (!data) return <Skeleton active />;
  const unit = unitLabel(indicator.unit, locale);
  return (
    <EChart
      testId={`chart-chain-${indicator.id}`} title={m('chart.byChain', { name: name(indicator.name, locale) })} unit={`${m('list.unit')}：${unit}`} labels={labels}
      fileName={`${indicator.id}-by-chain`} height={Math.max(240, 26 * data.values.length)} note={indicator.rowKind === 'orgs' ? m('detail.byChainNote') : undefined}
      onClick={(p) => navigate(`/cockpit/indicators/${indicator.id}?chain=${data.values[p.dataIndex].chainId}&period=${data.period}`)}
      option={{
        tooltip: { trigger: 'axis' }, grid: { left: 150, right: 40, top: 8, bottom: 24 },
        yAxis: { type: 'category', data: data.values.map((c) => name(c.name, locale)), inverse: true }, xAxis: { type: 'value', minInterval: wholeUnits(indicator.unit) },
        series: [{ type: 'bar', data: data.values.map((c) => c.value), label: { show: true, position: 'right' }, cursor: 'pointer' }],
      }}
      table={{
        columns: [{ key: 'chain', title: m('detail.chain') }, { key: 'value', title: `${unit}（${data.period}）`, align: 'right' }],
        rows: data.values.map((c) => ({ chain: name(c.name, locale), value: formatNumber(c.value) })),
      }}
    />
  );
}

/** A figure over chain maps, funds or villages: its rows as bars, each opening its own page. */
function ItemsChart({ indicator }: { indicator: Indicator }) {
  const { t: m, locale } = useCockpitMessages();
  const navigate = useNavigate();
  const labels = useLabels();
  const { data } = useApiGet<Rows>(`/api/indicators/${indicator.id}/rows`, { pageSize: 40 }, indicator.id);
  if (!data) return <Skeleton active />;
  const unit = unitLabel(indicator.unit, locale);
  return (
    <EChart
      testId={`chart-items-${indicator.id}`} title={m('chart.items', { name: name(indicator.name, locale) })} unit={`${m('list.unit')}：${unit}`} labels={labels}
      fileName={`${indicator.id}-items`} height={Math.max(240, 26 * data.items.length)}
      extra={<Link to={`/cockpit/indicators/${indicator.id}`}>{m('card.drill')}</Link>}
      onClick={(p) => { const href = data.items[p.dataIndex].href; if (href) navigate(href); }}
      option={{
        tooltip: { trigger: 'axis' }, grid: { left: 180, right: 48, top: 8, bottom: 24 },
        yAxis: { type: 'category', data: data.items.map((r) => r.name), inverse: true, axisLabel: { width: 170, overflow: 'truncate' } }, xAxis: { type: 'value' },
        series: [{ type: 'bar', data: data.items.map((r) => r.value ?? 0), label: { show: true, position: 'right' }, cursor: 'pointer' }],
      }}
      table={{
        columns: [{ key: 'name', title: m('detail.item') }, { key: 'value', title: `${unit}（${data.period}）`, align: 'right' }, { key: 'detail', title: m('detail.detail') }],
        rows: data.items.map((r) => ({ name: r.name, value: formatNumber(r.value ?? 0), detail: r.detail ?? '' })),
      }}
    />
  );
}

function TiersChart({ list }: { list: Indicator[] }) {
  const { t: m, locale } = useCockpitMessages();
  const navigate = useNavigate();
  const labels = useLabels();
  const tiers = TIERS.map((tier) => list.find((i) => i.id === `platform_meets_${tier}`)).filter((i): i is Indicator => Boolean(i));
  return (
    <EChart
      testId="chart-tiers-met" title={m('chart.tiersMet')} unit={m('chart.tiersUnit')} labels={labels} fileName="tiers-met" height={300}
      onClick={(p) => navigate(`/cockpit/indicators/${tiers[p.dataIndex].id}`)}
      option={{
        tooltip: { trigger: 'axis' }, grid: { left: 140, right: 40, top: 8, bottom: 28 },
        xAxis: { type: 'value' }, yAxis: { type: 'category', data: tiers.map((i) => name(TIER_NAMES[i.id.replace('platform_meets_', '')], locale)) },
        series: [{ type: 'bar', data: tiers.map((i) => i.current?.value ?? 0), label: { show: true, position: 'right' }, cursor: 'pointer' }],
      }}
      table={{
        columns: [{ key: 'tier', title: m('chart.tier.col') }, { key: 'value', title: m('chart.value'), align: 'right' }],
        rows: tiers.map((i) => ({ tier: name(TIER_NAMES[i.id.replace('platform_meets_', '')], locale), value: i.current?.value ?? 0 })),
      }}
    />
  );
}

function Chart({ spec, list }: { spec: ChartSpec; list: Indicator[] }) {
  const byId = new Map(list.map((i) => [i.id, i]));
  if (spec.kind === 'tiers') return <TiersChart list={list} />;
  if (spec.kind === 'district') {
    const shown = spec.ids.map((id) => byId.get(id)).filter((i): i is Indicator => Boolean(i));
    return shown.length ? <DistrictChart indicators={shown} titleKey={spec.title} /> : null;
  }
  const i = byId.get(spec.id);
  if (!i) return null;
  return spec.kind === 'chain' ? <ChainChart indicator={i} /> : <ItemsChart indicator={i} />;
}

/** Links to the module pages, for the overview and each page. */
export function ModuleNav({ current }: { current?: string }) {
  const { t: m } = useCockpitMessages();
  const navigate = useNavigate();
  return (
    <Space wrap size={8} data-testid="cockpit-modules">
      <Typography.Text type="secondary">{m('module.nav')}：</Typography.Text>
      <Segmented
        value={current ?? ''}
        onChange={(v) => navigate(`/cockpit/m/${v}`)}
        options={MODULE_KEYS.map((k) => ({ value: k, label: m(`module.${k}` as CockpitKey) }))}
      />
    </Space>
  );
}

export default function ModulePage() {
  const { module = '' } = useParams();
  const { t } = useI18n();
  const { t: m } = useCockpitMessages();
  const { message } = App.useApp();
  usePageTitle('nav.cockpit');
  const page = MODULE_PAGES[module];
  useBreadcrumbTrail(page ? [{ title: m(`module.${module}` as CockpitKey) }] : []);
  const { data, loading, error, reload } = useApiGet<Indicator[]>('/api/indicators', { ids: page?.ids.join(',') ?? '' }, module);
  if (!page) return <Alert type="error" message={module} />;

  const list = data ? page.ids.map((id) => data.find((i) => i.id === id)).filter((i): i is Indicator => Boolean(i)) : [];
  const platform = list.filter((i) => i.kind === 'computed');
  const reported = list.filter((i) => i.kind === 'reported');
  const byId = new Map(list.map((i) => [i.id, i]));
  const synthetic = platform.some((i) => (i.current?.synthetic ?? 0) > 0);
  const scope = platform.find((i) => i.current)?.current?.scope;

  async function exportExcel() {
    try {
      await api.download('/api/indicators/export.xlsx', { ids: page.ids.join(',') }, `indicators-${module}.xlsx`);
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 12 }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="module-title">{m('title')} · {m(`module.${module}` as CockpitKey)}</Typography.Title>
            <Typography.Text type="secondary">{m(`module.sub.${module}` as CockpitKey)}</Typography.Text>
            {scope && <Typography.Text type="secondary" style={{ marginLeft: 12 }}>{scope === 'city' ? m('scope.city') : m('scope.district', { district: districtLabel(t, scope) })}</Typography.Text>}
          </div>
          <Button icon={<FileExcelOutlined />} onClick={exportExcel} data-testid="module-export">{m('action.exportExcel')}</Button>
        </div>
        <div style={{ marginTop: 12 }}><ModuleNav current={module} /></div>
      </Card>
      <LoadError error={error} onRetry={reload} />
      {synthetic && <Alert type="warning" showIcon message={m('note.synthetic')} />}
      {loading && !data ? <Card><Skeleton active paragraph={{ rows: 8 }} /></Card> : (
        <>
          <Card title={m('module.figures')} size="small">
            <Row gutter={[16, 16]}>
              {platform.map((i) => (
                <Col key={i.id} xs={24} sm={12} lg={8} xl={6}>
                  <IndicatorCard indicator={i} reported={i.comparesTo ? byId.get(i.comparesTo) : undefined} />
                </Col>
              ))}
            </Row>
          </Card>
          <Card title={m('module.charts')} size="small">
            <Row gutter={[24, 24]}>
              {page.charts.map((spec, n) => (
                <Col key={n} xs={24} xl={12}><Chart spec={spec} list={list} /></Col>
              ))}
            </Row>
          </Card>
          {reported.length > 0 && (
            <Card title={m('module.reported')} size="small">
              <Row gutter={[16, 16]}>
                {reported.map((i) => (
                  <Col key={i.id} xs={24} sm={12} lg={8} xl={6}><IndicatorCard indicator={i} /></Col>
                ))}
              </Row>
            </Card>
          )}
        </>
      )}
    </Space>
  );
}

// 指标驾驶舱: the overview (key figures, charts of reported against platform figures, districts,
// tiers) and one tab per topic with every indicator of it. The tab lives in the URL; each view
// exports to Excel, each chart to PNG, and every card opens the rows behind its figure.
import { useSearchParams, Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Row, Skeleton, Space, Tabs, Typography } from 'antd';
import { ApiOutlined, DesktopOutlined, FileExcelOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { IndicatorCard } from './IndicatorCard';
import { ModuleNav } from './ModulePage';
import { TIER_NAMES } from './tiers';
import { useCockpitMessages } from './messages';
import { name, TOPICS, type Indicator, type Overview, type Topic } from './types';

/** Key figures of the overview: a reported figure, or a platform one with its reported twin. */
const KEY_FIGURES = ['platform_hnte_holders', 'hnte_industrial_output', 'tax_incentives_total', 'platform_hnte_new', 'platform_little_giant_new', 'enterprise_rd_centers', 'public_tech_service_platforms', 'q1_hightech_mfg_share'];
const TIERS = ['tech_sme', 'innovative_sme', 'srdi_sme', 'little_giant', 'hnte'];

export { TIER_NAMES };

function CardGrid({ list, all }: { list: Indicator[]; all: Indicator[] }) {
  const byId = new Map(all.map((i) => [i.id, i]));
  return (
    <Row gutter={[16, 16]}>
      {list.map((i) => (
        <Col key={i.id} xs={24} sm={12} lg={8} xl={6}>
          <IndicatorCard indicator={i} reported={i.comparesTo ? byId.get(i.comparesTo) : undefined} />
        </Col>
      ))}
    </Row>
  );
}

export function OverviewCharts({ data, dark }: { data: Overview; dark?: boolean }) {
  const { t } = useI18n();
  const { t: m, locale } = useCockpitMessages();
  const labels = { showTable: m('chart.showTable'), hideTable: m('chart.hideTable'), png: m('chart.png') };
  const years = data.hnteSeries.map((s) => s.period);
  const reported = new Map(data.reportedHnte.map((v) => [v.period, v.value]));
  const districts = data.byDistrict[0]?.values.map((v) => v.district) ?? [];
  const tiers = TIERS.map((tier) => data.indicators.find((i) => i.id === `platform_meets_${tier}`)).filter((i): i is Indicator => Boolean(i));
  const height = dark ? 380 : 280;
  const axisFont = dark ? { fontSize: 16 } : {};
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8}>
        <EChart
          dark={dark} height={height} labels={labels} title={m('chart.hnte')} unit={m('chart.hnteUnit')} fileName="hnte"
          testId="chart-hnte"
          option={{
            tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: axisFont }, grid: { left: 56, right: 56, top: 56, bottom: 28 },
            xAxis: { type: 'category', data: years, axisLabel: axisFont },
            // Reported (city) and on-file counts differ by orders of magnitude: one axis each.
            yAxis: [{ type: 'value', axisLabel: axisFont }, { type: 'value', axisLabel: axisFont, splitLine: { show: false } }],
            series: [
              { type: 'bar', name: m('chart.hnteReported'), data: years.map((y) => reported.get(y) ?? null) },
              { type: 'line', name: m('chart.hntePlatform'), yAxisIndex: 1, data: data.hnteSeries.map((s) => s.value) },
            ],
          }}
          table={{
            columns: [{ key: 'period', title: m('chart.period') }, { key: 'reported', title: m('chart.hnteReported'), align: 'right' }, { key: 'platform', title: m('chart.hntePlatform'), align: 'right' }],
            rows: years.map((y, n) => ({ period: y, reported: reported.get(y) ?? '—', platform: data.hnteSeries[n].value })),
          }}
        />
      </Col>
      <Col xs={24} xl={8}>
        <EChart
          dark={dark} height={height} labels={labels} title={m('chart.district')} unit={m('chart.districtUnit')} fileName="districts"
          testId="chart-districts"
          option={{
            tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: axisFont }, grid: { left: 56, right: 16, top: 56, bottom: 28 },
            xAxis: { type: 'category', data: districts.map((d) => districtLabel(t, d)), axisLabel: axisFont },
            yAxis: { type: 'value', axisLabel: axisFont },
            series: data.byDistrict.map((b) => ({ type: 'bar', name: name(b.name, locale), data: b.values.map((v) => v.value) })),
          }}
          table={{
            columns: [{ key: 'district', title: m('chart.district.col') }, ...data.byDistrict.map((b) => ({ key: b.id, title: name(b.name, locale), align: 'right' as const }))],
            rows: districts.map((d, n) => ({ district: districtLabel(t, d), ...Object.fromEntries(data.byDistrict.map((b) => [b.id, b.values[n].value])) })),
          }}
        />
      </Col>
      <Col xs={24} xl={8}>
        <EChart
          dark={dark} height={height} labels={labels} title={m('chart.tiers')} unit={m('chart.tiersUnit')} fileName="tiers"
          testId="chart-tiers"
          option={{
            tooltip: { trigger: 'axis' }, grid: { left: 140, right: 24, top: 16, bottom: 28 },
            xAxis: { type: 'value', axisLabel: axisFont },
            yAxis: { type: 'category', data: tiers.map((i) => i.id.replace('platform_meets_', '')).map((id) => name(TIER_NAMES[id], locale)), axisLabel: axisFont },
            series: [{ type: 'bar', data: tiers.map((i) => i.current?.value ?? 0), label: { show: true, position: 'right', ...axisFont } }],
          }}
          table={{
            columns: [{ key: 'tier', title: m('chart.tier.col') }, { key: 'value', title: m('chart.value'), align: 'right' }],
            rows: tiers.map((i) => ({ tier: name(TIER_NAMES[i.id.replace('platform_meets_', '')], locale), value: i.current?.value ?? 0 })),
          }}
        />
      </Col>
    </Row>
  );
}

export default function CockpitPage() {
  const { t } = useI18n();
  const { t: m } = useCockpitMessages();
  const { message } = App.useApp();
  usePageTitle('nav.cockpit');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const { data, loading, error, reload } = useApiGet<Overview>('/api/cockpit/overview', {}, '');

  const all = data?.indicators ?? [];
  const synthetic = all.some((i) => (i.current?.synthetic ?? 0) > 0);
  const key = KEY_FIGURES.map((id) => all.find((i) => i.id === id)).filter((i): i is Indicator => Boolean(i));

  async function exportExcel() {
    try {
      await api.download('/api/indicators/export.xlsx', tab === 'overview' ? {} : { topic: tab }, 'indicators.xlsx');
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  const scope = data?.scope && data.scope !== 'city' ? m('scope.district', { district: districtLabel(t, data.scope) }) : m('scope.city');
  const topicTabs = TOPICS.filter((topic) => all.some((i) => i.topic === topic)).map((topic: Topic) => ({
    key: topic,
    label: m(`topic.${topic}`),
    children: <CardGrid list={all.filter((i) => i.topic === topic)} all={all} />,
  }));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 12 }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{m('title')}</Typography.Title>
            <Typography.Text type="secondary">{m('subtitle')}</Typography.Text>
            {data && <Typography.Text type="secondary" style={{ marginLeft: 12 }} data-testid="cockpit-asof">{m('asOf', { date: data.asOf })} · {scope}</Typography.Text>}
          </div>
          <Space wrap>
            <Link to="/cockpit/indicators"><Button icon={<UnorderedListOutlined />}>{m('action.indicators')}</Button></Link>
            <Button icon={<FileExcelOutlined />} onClick={exportExcel} data-testid="cockpit-export">{m('action.exportExcel')}</Button>
            <Button icon={<ApiOutlined />} href="/open-data/indicators.json" target="_blank">{m('action.openData')}</Button>
            <Button type="primary" icon={<DesktopOutlined />} href="/wall" target="_blank" data-testid="cockpit-wall">{m('action.wall')}</Button>
          </Space>
        </div>
      </Card>
      <Card size="small"><ModuleNav /></Card>
      <LoadError error={error} onRetry={reload} />
      {synthetic && <Alert type="warning" showIcon message={m('note.synthetic')} data-testid="cockpit-synthetic" />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        {loading && !data ? <Skeleton active paragraph={{ rows: 10 }} /> : data && (
          <Tabs
            destroyOnHidden
            activeKey={tab}
            onChange={(next) => setParams(next === 'overview' ? new URLSearchParams() : new URLSearchParams({ tab: next }))}
            items={[
              {
                key: 'overview',
                label: m('tab.overview'),
                children: (
                  <Space direction="vertical" size={20} style={{ width: '100%' }}>
                    <CardGrid list={key} all={all} />
                    <OverviewCharts data={data} />
                  </Space>
                ),
              },
              ...topicTabs,
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

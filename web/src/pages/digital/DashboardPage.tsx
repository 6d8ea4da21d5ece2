// The bureau's digital-transformation dashboard: levels by district and industry section,
// the pilot against its target, and the platform's counts beside the letter's figures (with source).
import { Alert, Card, Col, Progress, Row, Space, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import { EChart } from '../../components/EChart';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { districtLabel } from '../../format';
import { bi, useDigitalMessages, wan } from './messages';
import type { Dashboard } from './types';

const LEVEL_COLORS = ['#bfbfbf', '#69b1ff', '#1677ff', '#003eb3'];

export default function DashboardPage() {
  const { t, locale } = useDigitalMessages();
  const { t: tg } = useI18n();
  usePageTitle('nav.digital');
  useBreadcrumbTrail([{ title: t('tab.dashboard') }]);
  const { data, error, loading } = useApiGet<Dashboard>('/api/digital/dashboard', {}, '');
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return <Spin spinning={loading} />;
  const labels = { showTable: t('chart.table'), hideTable: t('chart.hideTable'), png: t('chart.png') };
  const levelNames = [1, 2, 3, 4].map((n) => t('level.n', { n }));
  const stacked = (cats: string[], rows: Record<1 | 2 | 3 | 4, number>[]) => ({
    tooltip: { trigger: 'axis' as const }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 30, containLabel: true },
    xAxis: { type: 'category' as const, data: cats, axisLabel: { interval: 0, rotate: cats.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' as const } }, yAxis: { type: 'value' as const, minInterval: 1 },
    series: ([1, 2, 3, 4] as const).map((n, i) => ({ type: 'bar' as const, stack: 'level', name: levelNames[i], itemStyle: { color: LEVEL_COLORS[i] }, data: rows.map((r) => r[n]) })),
  });
  const tableOf = (firstTitle: string, cats: string[], rows: Record<1 | 2 | 3 | 4, number>[]) => ({
    columns: [{ key: 'c', title: firstTitle }, ...levelNames.map((l, i) => ({ key: `l${i + 1}`, title: l, align: 'right' as const }))],
    rows: rows.map((r, i) => ({ c: cats[i], l1: r[1], l2: r[2], l3: r[3], l4: r[4] })),
  });
  const districts = data.levels.byDistrict.map((x) => districtLabel(tg, x.district));
  const sections = data.levels.byIndustry.map((x) => `${x.division} ${bi(x.name, locale)}`);
  const p = data.pilot;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>{t('dash.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('dash.subtitle')}</Typography.Text>
      </div>
      <Card size="small" title={t('dash.pilot')} data-testid="digital-pilot">
        <Row gutter={16} align="middle">
          <Col xs={24} md={8}>
            <Progress type="dashboard" percent={Math.round(p.progress * 1000) / 10} format={(v) => `${v}%`} />
            <div>{t('dash.pilotEnrolled', { n: p.enrolled, target: p.target })}</div>
          </Col>
          <Col xs={8} md={4}><Statistic title={t('dash.pilotAfter')} value={p.diagnosedAfter} /></Col>
          <Col xs={8} md={4}><Statistic title={t('dash.pilotImproved')} value={p.improved} /></Col>
          <Col xs={8} md={4}><Statistic title={t('dash.pilotAccepted')} value={p.accepted} /></Col>
          <Col xs={24} md={4}><Statistic title={t('dash.pilotSubsidy')} value={wan(p.subsidyFen)} /></Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small">
            <EChart title={t('dash.byDistrict')} unit={t('dash.unitOrgs')} labels={labels} option={stacked(districts, data.levels.byDistrict)} table={tableOf(t('dash.district'), districts, data.levels.byDistrict)} testId="digital-by-district" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small">
            <EChart title={t('dash.byIndustry')} unit={t('dash.unitOrgs')} labels={labels} option={stacked(sections, data.levels.byIndustry)} table={tableOf(t('dash.section'), sections, data.levels.byIndustry)} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('dash.comparison')}>
        <Table
          size="small" rowKey="key" pagination={false} dataSource={data.comparison}
          columns={[
            { title: t('dash.item'), key: 'item', render: (_, c) => bi(c.letter, locale) },
            { title: t('dash.platform'), key: 'platform', align: 'right', render: (_, c) => <Tooltip title={bi(c.note, locale)}>{c.platform.toLocaleString()}</Tooltip> },
            {
              title: t('dash.letter'), key: 'letter', align: 'right',
              render: (_, c) => (
                <Tooltip title={t('dash.source', { title: c.letter.source.title, docNo: c.letter.source.docNo, date: c.letter.source.date })}>
                  <span style={{ borderBottom: '1px dotted #999' }}>{c.letter.qualifier ? t(`dash.qualifier.${c.letter.qualifier}` as never) : ''}{c.letter.value.toLocaleString()} {c.letter.unit}</span>
                </Tooltip>
              ),
            },
            { title: '', key: 'period', render: (_, c) => <Typography.Text type="secondary">{c.letter.period}</Typography.Text> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          {t('dash.source', { title: data.comparison[0]?.letter.source.title ?? '', docNo: data.comparison[0]?.letter.source.docNo ?? '', date: data.comparison[0]?.letter.source.date ?? '' })}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}

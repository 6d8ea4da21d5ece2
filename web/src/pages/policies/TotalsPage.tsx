// 政策兑现统计: the super-deduction and high-tech-enterprise tax relief computed over the registry
// (GET /api/benefits/totals) by year, district, industry section and highest tier, beside the
// letter's reported 350亿元 with its source. The API has no Excel export, so neither has the page.
import { useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Spin, Statistic, Typography } from 'antd';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { districtLabel } from '../../format';
import { hasPolicyKey, usePolicyMessages } from './messages';
import type { Bilingual } from './types';

interface Totals {
  years: number[]; organisations: number; contributing: number; total: number; coverage: number;
  byYear: { year: number; rd_super_deduction: number; hnte_rate: number }[];
  byDistrict: { key: string; amount: number }[]; bySection: { key: string; amount: number }[]; byTier: { key: string; amount: number }[];
  reported: { amount: number; period: string; source: string; label: Bilingual };
}

/** 万元 with one decimal, from fen. */
const wanOf = (fen: number) => Math.round(fen / 100_000) / 10;
/** 亿元 with two decimals, from fen. */
const yiOf = (fen: number) => (fen / 1e10).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export default function TotalsPage() {
  const { t, locale } = usePolicyMessages();
  const { t: tr } = useI18n();
  const en = locale === 'en-US';
  usePageTitle('nav.policies');
  useBreadcrumbTrail([{ title: t('tot.title') }]);
  const [from, setFrom] = useState(2021);
  const [to, setTo] = useState(2025);
  const { data, loading, error, reload } = useApiGet<Totals>('/api/benefits/totals', { from, to }, `${from}-${to}`);
  const labels = { showTable: t('tot.showTable'), hideTable: t('tot.hideTable'), png: t('tot.png'), svg: t('tot.svg') };
  const unit = t('tot.unitWan');
  const bar = (rows: { key: string; amount: number }[], name: (k: string) => string, title: string, testId: string) => (
    <EChart
      testId={testId} title={title} unit={unit} labels={labels} height={280} fileName={testId}
      option={{ tooltip: { trigger: 'axis' }, grid: { left: 60, right: 16, top: 24, bottom: 60 }, xAxis: { type: 'category', data: rows.map((r) => name(r.key)), axisLabel: { rotate: rows.length > 6 ? 30 : 0 } }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: rows.map((r) => wanOf(r.amount)) }] }}
      table={{ columns: [{ key: 'k', title }, { key: 'v', title: unit, align: 'right' }], rows: rows.map((r) => ({ k: name(r.key), v: wanOf(r.amount).toLocaleString('en-US') })) }}
    />
  );
  const years = Array.from({ length: 2026 - 2018 + 1 }, (_, i) => 2018 + i);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('tot.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('tot.subtitle')}</Typography.Text>
          </div>
          <Space>
            <Select value={from} onChange={setFrom} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: t('calc.yearOption', { y }) }))} aria-label={t('tot.from')} />
            <span>—</span>
            <Select value={to} onChange={setTo} style={{ width: 110 }} options={years.filter((y) => y >= from).map((y) => ({ value: y, label: t('calc.yearOption', { y }) }))} aria-label={t('tot.to')} />
          </Space>
        </Space>
      </Card>
      <LoadError error={error} onRetry={reload} />
      {!data && loading && <Spin />}
      {data && (
        <>
          <Card data-testid="totals-summary">
            <Row gutter={16}>
              <Col xs={24} md={6}><Statistic title={t('tot.computed', { from: data.years[0], to: data.years[data.years.length - 1] })} value={yiOf(data.total)} suffix={t('tot.yi')} /></Col>
              <Col xs={24} md={6}><Statistic title={t('tot.reported', { period: data.reported.period })} value={yiOf(data.reported.amount)} suffix={t('tot.yi')} /></Col>
              <Col xs={24} md={6}><Statistic title={t('tot.coverage')} value={(data.coverage * 100).toFixed(2)} suffix="%" /></Col>
              <Col xs={24} md={6}><Statistic title={t('tot.orgs')} value={`${data.contributing.toLocaleString('en-US')} / ${data.organisations.toLocaleString('en-US')}`} /></Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }} data-testid="totals-source">
              {t('tot.source', { label: en ? data.reported.label.en : data.reported.label.zh, source: data.reported.source })}
            </Typography.Paragraph>
            <Alert type="info" showIcon message={t('tot.gap')} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>{t('tot.noExport')}</Typography.Paragraph>
          </Card>
          <Card>
            <EChart
              testId="totals-by-year" title={t('tot.byYear')} unit={unit} labels={labels} height={300} fileName="totals-by-year"
              option={{
                tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 16, top: 36, bottom: 30 },
                xAxis: { type: 'category', data: data.byYear.map((y) => String(y.year)) }, yAxis: { type: 'value' },
                series: [
                  { name: t('tot.rd'), type: 'bar', stack: 'x', data: data.byYear.map((y) => wanOf(y.rd_super_deduction)) },
                  { name: t('tot.hnte'), type: 'bar', stack: 'x', data: data.byYear.map((y) => wanOf(y.hnte_rate)) },
                ],
              }}
              table={{
                columns: [{ key: 'y', title: t('calc.year') }, { key: 'rd', title: t('tot.rd'), align: 'right' }, { key: 'h', title: t('tot.hnte'), align: 'right' }],
                rows: data.byYear.map((y) => ({ y: y.year, rd: wanOf(y.rd_super_deduction).toLocaleString('en-US'), h: wanOf(y.hnte_rate).toLocaleString('en-US') })),
              }}
            />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={8}><Card>{bar(data.byDistrict, (k) => districtLabel(tr, k), t('tot.byDistrict'), 'totals-by-district')}</Card></Col>
            <Col xs={24} xl={8}><Card>{bar(data.bySection, (k) => (k === 'unknown' ? t('tot.unknown') : t('tot.section', { s: k })), t('tot.bySection'), 'totals-by-section')}</Card></Col>
            <Col xs={24} xl={8}><Card>{bar(data.byTier, (k) => (hasPolicyKey(`tot.tier.${k}`) ? t(`tot.tier.${k}` as 'tot.tier.none') : k), t('tot.byTier'), 'totals-by-tier')}</Card></Col>
          </Row>
        </>
      )}
    </Space>
  );
}

// 解决方案目录: search by keyword, dimension, scenario, deployment and industry (filters in the
// URL), tick 2–4 solutions to compare side by side; each row opens to its cases.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { bi, useDigitalMessages, wan } from './messages';
import type { Questionnaire, Solution } from './types';

type Compare = { items: Solution[]; differs: Record<string, boolean> };

export default function CataloguePage() {
  const { t, locale } = useDigitalMessages();
  usePageTitle('nav.digital');
  useBreadcrumbTrail([{ title: t('tab.catalogue') }]);
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(['q', 'dimension', 'scenario', 'deployment', 'industry', 'page'].map((k) => [k, params.get(k) ?? undefined]));
  const { data, loading, error } = useApiGet<{ total: number; items: Solution[] }>('/api/digital/solutions', { ...query, pageSize: 20 }, params.toString());
  const [q, setQ] = useState<Questionnaire | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [compare, setCompare] = useState<Compare | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);
  useEffect(() => { api.get<Questionnaire>('/api/digital/questionnaires/2024-manufacturing').then(setQ).catch(() => undefined); }, []);
  const scenarioName = (k: string) => { const s = q?.scenarios.find((x) => x.key === k); return s ? bi(s, locale) : k; };

  const runCompare = async () => {
    setCompareError(null);
    try {
      setCompare(await api.get<Compare>('/api/digital/solutions/compare', { ids: selected.join(',') }));
    } catch (e) {
      setCompareError(e instanceof ApiError ? e.detail : String(e));
    }
  };

  const attrs: { key: keyof Solution; label: string; show: (s: Solution) => string }[] = [
    { key: 'providerName', label: t('cat.provider'), show: (s) => s.providerName },
    { key: 'deployment', label: t('cat.deployment'), show: (s) => t(`dep.${s.deployment}`) },
    { key: 'priceMinFen', label: t('r.price'), show: (s) => `${wan(s.priceMinFen)}–${wan(s.priceMaxFen)}` },
    { key: 'dimensions', label: t('cat.dimension'), show: (s) => s.dimensions.map((d) => t(`dim.${d}` as never)).join('、') },
    { key: 'scenarios', label: t('cat.scenario'), show: (s) => s.scenarios.map(scenarioName).join('、') },
    { key: 'industries', label: t('cat.industry'), show: (s) => (s.industries.length ? s.industries.join('、') : t('cat.anyIndustry')) },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>{t('cat.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('cat.subtitle')}</Typography.Text>
      </div>
      <Card size="small">
        <Form layout="inline" initialValues={query} onFinish={(v: Record<string, string | undefined>) => setParams(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Record<string, string>)}>
          <Form.Item name="q" label={t('cat.search')}><Input placeholder={t('cat.searchHint')} allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item name="dimension" label={t('cat.dimension')}>
            <Select allowClear style={{ width: 140 }} options={['foundation', 'management', 'results', 'operations'].map((k) => ({ value: k, label: t(`dim.${k}` as never) }))} />
          </Form.Item>
          <Form.Item name="scenario" label={t('cat.scenario')}>
            <Select allowClear style={{ width: 140 }} options={(q?.scenarios ?? []).map((s) => ({ value: s.key, label: bi(s, locale) }))} data-testid="catalogue-scenario" />
          </Form.Item>
          <Form.Item name="deployment" label={t('cat.deployment')}>
            <Select allowClear style={{ width: 120 }} options={['saas', 'on_premise', 'hybrid'].map((k) => ({ value: k, label: t(`dep.${k}` as never) }))} />
          </Form.Item>
          <Form.Item name="industry" label={t('cat.industry')}><Input allowClear style={{ width: 90 }} placeholder="C / 3971" /></Form.Item>
          <Button type="primary" htmlType="submit">{t('cat.query')}</Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      <Card
        size="small"
        extra={<Space><Typography.Text type="secondary">{t('cat.compareHint')}</Typography.Text><Button disabled={selected.length < 2 || selected.length > 4} onClick={runCompare} data-testid="catalogue-compare">{t('cat.compare', { n: selected.length })}</Button></Space>}
      >
        <Table
          size="small" rowKey="id" loading={loading} dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('cat.empty')} /> }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          pagination={{ total: data?.total ?? 0, pageSize: 20, current: Number(params.get('page') ?? 1), onChange: (p) => { params.set('page', String(p)); setParams(params); } }}
          expandable={{ expandedRowRender: (s) => (
            <div>
              <Typography.Paragraph>{s.summary}</Typography.Paragraph>
              <Typography.Text strong>{t('cat.cases')}</Typography.Text>
              <ul>{s.cases.map((c, i) => <li key={i}>{c.client}（{c.industry}）：{c.result}</li>)}</ul>
            </div>
          ) }}
          columns={[
            { title: t('cat.name'), dataIndex: 'name', fixed: 'left', render: (v: string, s) => <span>{v}{s.synthetic && <Tag style={{ marginLeft: 6 }}>{t('dash.synthetic')}</Tag>}</span> },
            { title: t('cat.provider'), dataIndex: 'providerName' },
            { title: t('cat.dimension'), key: 'dims', render: (_, s) => s.dimensions.map((d) => <Tag key={d} color="blue">{t(`dim.${d}` as never)}</Tag>) },
            { title: t('cat.scenario'), key: 'sc', render: (_, s) => s.scenarios.map((k) => <Tag key={k}>{scenarioName(k)}</Tag>) },
            { title: t('cat.deployment'), key: 'dep', render: (_, s) => t(`dep.${s.deployment}`) },
            { title: t('r.price'), key: 'price', align: 'right', render: (_, s) => `${wan(s.priceMinFen)}–${wan(s.priceMaxFen)}` },
          ]}
        />
      </Card>
      {compareError && <Alert type="error" showIcon message={compareError} />}
      {compare && (
        <Card size="small" title={t('cat.compareTitle')} data-testid="catalogue-comparison">
          <Table
            size="small" pagination={false} rowKey="key"
            dataSource={attrs.map((a) => ({ key: a.key, label: a.label, differs: compare.differs[a.key], ...Object.fromEntries(compare.items.map((s) => [s.id, a.show(s)])) }))}
            columns={[
              { title: t('cat.attr'), dataIndex: 'label', fixed: 'left', render: (v: string, r: { differs?: boolean }) => <span>{v}{r.differs && <Tag color="orange" style={{ marginLeft: 6 }}>{t('cat.differs')}</Tag>}</span> },
              ...compare.items.map((s) => ({ title: s.name, dataIndex: s.id })),
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

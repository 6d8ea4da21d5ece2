// 技术转移市场: public listing and Chinese full-text search of achievements and demands. Works
// inside the shell and on the public page (/public/market) without login; filters live in the URL.
// A title opens the listing's details (and, for brokers, their follow-up notes).
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { ListingDrawer } from './ListingDrawer';
import { FIELDS, named, useMarketMessages, wan } from './messages';
import type { Achievement, Demand } from './types';

export default function MarketListPage() {
  const { t, locale } = useMarketMessages();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'demands' ? 'demands' : 'achievements';
  const query = { q: params.get('q') ?? '', field: params.get('field') ?? '', page: params.get('page') ?? '1', pageSize: 20 };
  const { data, loading, error, reload } = useApiGet<{ total: number; items: (Achievement | Demand)[] }>(`/api/market/${tab}`, query, `${tab}?${params.toString()}`);
  const [form] = Form.useForm();
  const [open, setOpen] = useState<string | null>(null);
  const fieldTag = (f: string) => <Tag>{t(`fieldName.${f}` as never)}</Tag>;
  const synthetic = (s: boolean) => (s ? <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag> : null);

  const achievementColumns: TableColumnsType<Achievement> = [
    {
      title: t('col.title'), dataIndex: 'title', fixed: 'left', width: 340,
      render: (_v, a) => (<div><Typography.Link data-testid="achievement-title" onClick={() => setOpen(a.id)}>{a.title}</Typography.Link>{synthetic(a.synthetic)}<Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 12 }}>{a.abstract}</Typography.Paragraph></div>),
    },
    { title: t('col.org'), width: 220, render: (_v, a) => a.org?.name ?? '—' },
    { title: t('col.field'), dataIndex: 'field', width: 150, render: fieldTag },
    { title: t('col.trl'), dataIndex: 'trl', width: 100, align: 'right', render: (v: number) => `TRL ${v}` },
    { title: t('col.mode'), dataIndex: 'transferModes', width: 120, render: (v: string[]) => v.map((m) => t(`mode.${m}` as never)).join('、') },
    { title: t('col.price'), width: 130, align: 'right', render: (_v, a) => (a.priceMinFen == null ? t('negotiable') : a.priceMaxFen && a.priceMaxFen !== a.priceMinFen ? `${wan(a.priceMinFen)}–${wan(a.priceMaxFen)}` : wan(a.priceMinFen)) },
    { title: t('col.link'), width: 200, render: (_v, a) => (a.chainLink ? `${named(a.chainLink.chain, locale)} · ${named(a.chainLink.name, locale)}` : '—') },
  ];
  const demandColumns: TableColumnsType<Demand> = [
    {
      title: t('col.problem'), dataIndex: 'problem', fixed: 'left', width: 340,
      render: (_v, d) => (<div><Typography.Link data-testid="demand-title" onClick={() => setOpen(d.id)}>{d.problem}</Typography.Link>{synthetic(d.synthetic)}<Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 12 }}>{d.goals}</Typography.Paragraph></div>),
    },
    { title: t('col.org'), width: 220, render: (_v, d) => d.org?.name ?? '—' },
    { title: t('col.field'), dataIndex: 'field', width: 150, render: fieldTag },
    { title: t('col.trlMin'), dataIndex: 'trlMin', width: 110, align: 'right', render: (v: number) => `TRL ${v}` },
    { title: t('col.budget'), dataIndex: 'budgetFen', width: 120, align: 'right', render: (v: number | null) => wan(v) },
    { title: t('col.deadline'), dataIndex: 'deadline', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('col.link'), width: 200, render: (_v, d) => (d.chainLink ? `${named(d.chainLink.chain, locale)} · ${named(d.chainLink.name, locale)}` : '—') },
  ];

  const set = (next: URLSearchParams) => setParams(next);
  const submit = (v: { q?: string; field?: string }) => {
    const next = new URLSearchParams();
    if (tab === 'demands') next.set('tab', 'demands');
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.field) next.set('field', v.field);
    set(next);
  };
  const pagination = {
    current: Number(query.page), pageSize: 20, total: data?.total ?? 0, showSizeChanger: false,
    onChange: (page: number) => { const next = new URLSearchParams(params); next.set('page', String(page)); set(next); },
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </Card>
      <Card>
        <Tabs activeKey={tab} onChange={(k) => { const next = new URLSearchParams(); if (k === 'demands') next.set('tab', k); form.resetFields(); set(next); }}
          items={[{ key: 'achievements', label: t('tab.achievements') }, { key: 'demands', label: t('tab.demands') }]} />
        <Form form={form} layout="inline" initialValues={query} onFinish={submit} style={{ marginBottom: 16 }}>
          <Form.Item name="q" label={t('search')}><Input allowClear placeholder={t('searchHint')} style={{ width: 280 }} data-testid="market-search" /></Form.Item>
          <Form.Item name="field" label={t('field')}>
            <Select allowClear style={{ width: 200 }} options={FIELDS.map((f) => ({ value: f, label: t(`fieldName.${f}`) }))} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="market-query">{t('query')}</Button>
              <Button onClick={() => { form.resetFields(); set(new URLSearchParams(tab === 'demands' ? { tab } : {})); }}>{t('reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
        <LoadError error={error} onRetry={reload} />
        {tab === 'achievements'
          ? <Table<Achievement> data-testid="market-table" rowKey="id" columns={achievementColumns} dataSource={(data?.items ?? []) as Achievement[]} loading={loading} scroll={{ x: 1300 }} locale={{ emptyText: t('empty') }} pagination={pagination} />
          : <Table<Demand> data-testid="market-table" rowKey="id" columns={demandColumns} dataSource={(data?.items ?? []) as Demand[]} loading={loading} scroll={{ x: 1300 }} locale={{ emptyText: t('empty') }} pagination={pagination} />}
      </Card>
      <ListingDrawer kind={tab === 'demands' ? 'demand' : 'achievement'} id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

// 开放数据: every published indicator with its latest value and source, searchable, with the
// JSON and CSV files (CC BY 4.0) for download.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n, usePageTitle } from '../../i18n';
import { LoadError } from '../../components/LoadError';
import { unitLabel } from '../cockpit/types';
import type { OpenDataIndicator } from './types';
import { useOpenData } from './useOpenData';

export default function OpenDataPage() {
  const { t, locale } = useI18n();
  usePageTitle('public.data');
  const { data, error } = useOpenData();
  const [q, setQ] = useState('');
  const en = locale === 'en-US';
  const rows = useMemo(() => (data?.indicators ?? []).filter((i) => !q.trim() || `${i.name.zh} ${i.name.en} ${i.id}`.toLowerCase().includes(q.trim().toLowerCase())), [data, q]);
  if (error) return <LoadError error={error} onRetry={() => window.location.reload()} />;
  const latest = (i: OpenDataIndicator) => i.values[i.values.length - 1];
  const columns: TableColumnsType<OpenDataIndicator> = [
    { title: t('public.col.indicator'), key: 'name', render: (_v, i) => <span data-testid="open-data-name">{en ? i.name.en : i.name.zh}</span> },
    {
      title: t('public.col.value'), key: 'value', align: 'right', width: 160,
      render: (_v, i) => { const v = latest(i); return v ? <Typography.Text strong>{v.qualifier ? t(`public.qualifier.${v.qualifier as 'more_than' | 'nearly'}`) : ''}{v.value.toLocaleString(locale)} {unitLabel(i.unit, locale)}</Typography.Text> : '—'; },
    },
    { title: t('public.col.period'), key: 'period', width: 130, render: (_v, i) => latest(i)?.period ?? '—' },
    { title: t('public.col.source'), key: 'source', render: (_v, i) => { const s = latest(i)?.source; return s ? `${s.issuer} ${s.docNo ?? s.title}（${s.date}）` : '—'; } },
    { title: t('public.col.target'), key: 'target', width: 160, render: (_v, i) => (i.target ? <Tag color="purple">{i.target.value.toLocaleString(locale)} {unitLabel(i.unit, locale)}{i.target.period ? ` · ${i.target.period}` : ''}</Tag> : null) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('public.data')}</Typography.Title>
            <Typography.Text type="secondary">{t('public.dataDesc')}</Typography.Text>
          </div>
          <Space>
            <a href="/open-data/indicators.csv" download><Button icon={<DownloadOutlined />}>CSV</Button></a>
            <a href="/open-data/indicators.json" download><Button icon={<DownloadOutlined />}>JSON</Button></a>
          </Space>
        </Space>
      </Card>
      {data && <Alert type="info" showIcon message={en ? data.licence.en : data.licence.zh} />}
      <Card>
        <Input.Search allowClear placeholder={t('public.searchIndicators')} onSearch={setQ} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 360, marginBottom: 16 }} data-testid="open-data-search" />
        <Table rowKey="id" size="middle" loading={!data} columns={columns} dataSource={rows} pagination={{ pageSize: 20, showSizeChanger: false }} data-testid="open-data-table" />
      </Card>
    </Space>
  );
}

// 专项资金台账: every fund with balances summed from its ledger, a chart of their use, and the
// way to the approval queue and the reconciliation.
import { Link } from 'react-router-dom';
import { Button, Card, Progress, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, CheckSquareOutlined, ClusterOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useFundsMessages, wan, yuan } from './messages';
import type { Disbursement, Fund } from './types';

export default function FundListPage() {
  const { t, locale } = useFundsMessages();
  usePageTitle('nav.funds');
  const { data, loading, error, reload } = useApiGet<Fund[]>('/api/funds', {}, '');
  const queue = useApiGet<{ total: number; items: Disbursement[] }>('/api/funds/disbursements', { status: 'pending', pageSize: 1 }, '');
  const funds = data ?? [];
  const en = locale === 'en-US';
  const name = (f: Fund) => (en && f.nameEn ? f.nameEn : f.name);

  const money = (key: keyof Fund['balances']) => ({
    key, title: t(`col.${key.replace('Fen', '')}` as 'col.paid'), align: 'right' as const, width: 150,
    render: (_: unknown, f: Fund) => yuan(f.balances[key], locale),
    sorter: (a: Fund, b: Fund) => a.balances[key] - b.balances[key],
  });
  const columns: TableColumnsType<Fund> = [
    {
      key: 'name', title: t('col.fund'), fixed: 'left', width: 300,
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          <Link to={`/funds/${f.id}`} data-testid={`fund-link-${f.code}`}>{name(f)}</Link>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.code}</Typography.Text>
            {f.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
            {f.source?.docNo && (
              <Tooltip title={`${f.source.title}${f.source.note ? `：${f.source.note}` : ''}`}>
                <Tag color="blue" data-testid={`fund-source-${f.code}`}>{t('sourceTag', { doc: f.source.docNo })}</Tag>
              </Tooltip>
            )}
          </Space>
        </Space>
      ),
    },
    { key: 'kind', title: t('col.kind'), render: (_, f) => <Tag>{t(`kind.${f.kind}` as 'kind.special')}</Tag> },
    { key: 'level', title: t('col.level'), render: (_, f) => t(`level.${f.sourceLevel}` as 'level.city') },
    money('appropriatedFen'), money('allocatedFen'), money('paidFen'), money('availableFen'), money('pendingFen'),
    {
      key: 'progress', title: t('col.progress'), width: 140,
      render: (_, f) => <Progress size="small" aria-label={t('col.progress')} percent={f.balances.appropriatedFen ? Math.round((f.balances.paidFen / f.balances.appropriatedFen) * 1000) / 10 : 0} />,
    },
  ];

  const chartFunds = funds.filter((f) => f.balances.appropriatedFen > 0);
  const series = (['appropriatedFen', 'allocatedFen', 'paidFen'] as const).map((k) => ({
    name: t(`col.${k.replace('Fen', '')}` as 'col.paid'), type: 'bar' as const, data: chartFunds.map((f) => wan(f.balances[k])),
  }));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('list.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('list.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Link to="/funds/approvals"><Button icon={<CheckSquareOutlined />} data-testid="funds-approvals-link">{t('list.approvals', { n: queue.data?.total ?? 0 })}</Button></Link>
          <Link to="/funds/reconciliation"><Button icon={<AuditOutlined />}>{t('list.reconciliation')}</Button></Link>
          <Link to="/funds/schemes"><Button icon={<ClusterOutlined />} data-testid="funds-schemes-link">{t('list.schemes')}</Button></Link>
          <Link to="/funds/agreements"><Button icon={<SolutionOutlined />} data-testid="funds-agreements-link">{t('ag.link')}</Button></Link>
          <Link to="/funds/insurance"><Button icon={<SafetyCertificateOutlined />} data-testid="funds-insurance-link">{t('ins.link')}</Button></Link>
        </Space>
      </div>
      <LoadError error={error} onRetry={reload} />
      <Card size="small">
        <Table rowKey="id" size="middle" loading={loading} columns={columns} dataSource={funds} pagination={false} scroll={{ x: 1450 }} data-testid="funds-table" />
      </Card>
      {chartFunds.length > 0 && (
        <Card size="small">
          <EChart
            title={t('list.chartTitle')} unit={t('list.chartUnit')} testId="funds-chart" height={320}
            labels={{ showTable: t('chart.showTable'), hideTable: t('chart.hideTable'), png: t('chart.png') }}
            option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 80, right: 16, top: 32, bottom: 64 },
              xAxis: { type: 'category', data: chartFunds.map(name), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
              yAxis: { type: 'value' }, series,
            }}
            table={{
              columns: [{ key: 'fund', title: t('col.fund') }, ...series.map((s, i) => ({ key: `s${i}`, title: s.name, align: 'right' as const }))],
              rows: chartFunds.map((f, r) => ({ fund: name(f), ...Object.fromEntries(series.map((s, i) => [`s${i}`, s.data[r].toLocaleString(locale)])) })),
            }}
          />
        </Card>
      )}
    </Space>
  );
}

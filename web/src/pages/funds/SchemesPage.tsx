// 村集体经济与引导基金: the district roll-up of village collectives against the letter, and the
// guidance fund → sub-funds with early / small / hard-tech shares, reinvestment and leverage.
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { useFundsMessages, wan } from './messages';
import { SchemeDialog, type SchemeDialogKind } from './SchemeForms';

interface DistrictRow { district: string; villages: number; reporting: number; incomeFen: number; averageIncomeFen: number | null; projects: number; investmentFen: number; supportFen: number }
interface Rollup {
  year: number | null; districts: DistrictRow[]; city: Omit<DistrictRow, 'district'>;
  letter: { source: string; villages: number; averageIncomeFen: number; collectiveProjects: number; supportCapPercent: number; jimeiProjects: number; jimeiAnnualIncomeFen: number };
}
interface Venture {
  id: string; code: string; name: string; kind: string; parentId: string | null; manager: string | null; sizeFen: number; committedFen: number | null; paidInFen: number;
  reinvestTargetBp: number | null; example: boolean; synthetic: boolean; investedFen: number; deals: number; earlySharePct: number | null; smallSharePct: number | null;
  hardTechSharePct: number | null; reinvestRatio: number | null; leverage: number | null; source: { docNo?: string } | null;
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const times = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}×`);

export default function SchemesPage() {
  const { t: tt } = useI18n();
  const { t, locale } = useFundsMessages();
  usePageTitle('nav.funds');
  useBreadcrumbTrail([{ title: t('schemes.title') }]);
  const roll = useApiGet<Rollup>('/api/funds/villages/rollup', {}, '');
  const ventures = useApiGet<Venture[]>('/api/funds/ventures', {}, '');
  const num = (fen: number) => wan(fen).toLocaleString(locale, { maximumFractionDigits: 1 });
  const admin = useCurrentUser().role === 'bureau_admin';
  const [dialog, setDialog] = useState<SchemeDialogKind | null>(null);
  const actions = (kinds: SchemeDialogKind[]) => admin && (
    <Space wrap>{kinds.map((k) => <Button key={k} type={k === kinds[0] ? 'primary' : 'default'} onClick={() => setDialog(k)} data-testid={`sf-open-${k}`}>{t(`sf.btn.${k}`)}</Button>)}</Space>
  );

  const r = roll.data;
  const rows: (DistrictRow & { key: string; label: string })[] = r
    ? [...r.districts.map((d) => ({ ...d, key: d.district, label: districtLabel(tt, d.district) })), { ...r.city, district: 'city', key: 'city', label: t('v.city') }]
    : [];
  const villageColumns: TableColumnsType<(typeof rows)[number]> = [
    { key: 'label', title: t('v.district'), dataIndex: 'label', render: (v, row) => (row.key === 'city' ? <b>{v}</b> : v) },
    { key: 'villages', title: t('v.villages'), dataIndex: 'villages', align: 'right' },
    { key: 'reporting', title: t('v.reporting'), dataIndex: 'reporting', align: 'right' },
    { key: 'avg', title: t('v.avgIncome'), align: 'right', render: (_, d) => (d.averageIncomeFen === null ? '—' : num(d.averageIncomeFen)) },
    { key: 'projects', title: t('v.projects'), dataIndex: 'projects', align: 'right' },
    { key: 'investment', title: t('v.investment'), align: 'right', render: (_, d) => num(d.investmentFen) },
    { key: 'support', title: t('v.support'), align: 'right', render: (_, d) => num(d.supportFen) },
    { key: 'share', title: t('v.supportShare'), align: 'right', render: (_, d) => (d.investmentFen ? pct((d.supportFen / d.investmentFen) * 100) : '—') },
  ];
  const chartRows = r?.districts.filter((d) => d.averageIncomeFen !== null) ?? [];

  const list = ventures.data ?? [];
  const ordered = list.filter((v) => !v.parentId).flatMap((p) => [p, ...list.filter((c) => c.parentId === p.id)]);
  const ventureColumns: TableColumnsType<Venture> = [
    {
      key: 'name', title: t('g.fund'), fixed: 'left', width: 260,
      render: (_, v) => (
        <Space direction="vertical" size={0} style={{ paddingLeft: v.parentId ? 16 : 0 }}>
          <span>{v.name}</span>
          <Space size={4} wrap>
            <Tag>{t(`g.kind.${v.kind}` as 'g.kind.sub_fund')}</Tag>
            {v.example && <Tag color="orange">{t('g.example')}</Tag>}
            {v.source?.docNo && !v.example && <Tag color="blue">{t('sourceTag', { doc: v.source.docNo })}</Tag>}
          </Space>
        </Space>
      ),
    },
    { key: 'manager', title: t('g.manager'), render: (_, v) => v.manager ?? '—' },
    { key: 'size', title: t('g.size'), align: 'right', render: (_, v) => num(v.sizeFen) },
    { key: 'committed', title: t('g.committed'), align: 'right', render: (_, v) => (v.committedFen === null ? '—' : num(v.committedFen)) },
    { key: 'paidIn', title: t('g.paidIn'), align: 'right', render: (_, v) => (v.parentId ? num(v.paidInFen) : '—') },
    { key: 'invested', title: t('g.invested'), align: 'right', render: (_, v) => num(v.investedFen) },
    { key: 'deals', title: t('g.deals'), dataIndex: 'deals', align: 'right' },
    { key: 'early', title: t('g.early'), align: 'right', render: (_, v) => pct(v.earlySharePct) },
    { key: 'small', title: t('g.small'), align: 'right', render: (_, v) => pct(v.smallSharePct) },
    { key: 'hard', title: t('g.hardTech'), align: 'right', render: (_, v) => pct(v.hardTechSharePct) },
    { key: 'reinvest', title: t('g.reinvest'), align: 'right', render: (_, v) => times(v.reinvestRatio) },
    { key: 'target', title: t('g.reinvestTarget'), align: 'right', render: (_, v) => (v.reinvestTargetBp === null ? '—' : times(v.reinvestTargetBp / 10_000)) },
    { key: 'leverage', title: t('g.leverage'), align: 'right', render: (_, v) => times(v.leverage) },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('schemes.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('schemes.subtitle')}</Typography.Text>
      </div>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'villages', label: t('schemes.tabVillages'),
              children: (
                <Space direction="vertical" size={12} style={{ width: '100%' }}>
                  {actions(['project', 'village', 'income'])}
                  <LoadError error={roll.error} onRetry={roll.reload} />
                  {r && (
                    <Alert type="info" showIcon data-testid="villages-letter" message={t('v.letter')} description={t('v.letterNote', {
                      source: r.letter.source, villages: r.letter.villages, avg: num(r.letter.averageIncomeFen), projects: r.letter.collectiveProjects,
                      jimei: r.letter.jimeiProjects, jimeiIncome: num(r.letter.jimeiAnnualIncomeFen), cap: r.letter.supportCapPercent,
                    })} />
                  )}
                  {r?.year && <Typography.Text type="secondary">{t('v.year', { year: r.year })}</Typography.Text>}
                  <Table rowKey="key" size="small" loading={roll.loading} columns={villageColumns} dataSource={rows} pagination={false} data-testid="villages-table" />
                  {r && chartRows.length > 0 && (
                    <EChart
                      title={t('v.chartTitle')} unit={t('list.chartUnit')} testId="villages-chart" height={280}
                      labels={{ showTable: t('chart.showTable'), hideTable: t('chart.hideTable'), png: t('chart.png') }}
                      option={{
                        tooltip: { trigger: 'axis' }, grid: { left: 64, right: 16, top: 24, bottom: 32 },
                        xAxis: { type: 'category', data: chartRows.map((d) => districtLabel(tt, d.district)) }, yAxis: { type: 'value' },
                        series: [{
                          type: 'bar', name: t('v.avgIncome'), data: chartRows.map((d) => wan(d.averageIncomeFen ?? 0)),
                          markLine: { symbol: 'none', data: [{ yAxis: wan(r.letter.averageIncomeFen), name: t('v.letter') }], label: { formatter: `${t('v.letter')} {c}` } },
                        }],
                      }}
                      table={{
                        columns: [{ key: 'd', title: t('v.district') }, { key: 'v', title: t('v.avgIncome'), align: 'right' }],
                        rows: chartRows.map((d) => ({ d: districtLabel(tt, d.district), v: num(d.averageIncomeFen ?? 0) })),
                      }}
                    />
                  )}
                </Space>
              ),
            },
            {
              key: 'ventures', label: t('schemes.tabVentures'),
              children: (
                <Space direction="vertical" size={12} style={{ width: '100%' }}>
                  {actions(['venture', 'investment'])}
                  <LoadError error={ventures.error} onRetry={ventures.reload} />
                  <Alert type="info" showIcon message={t('g.note')} />
                  <Table rowKey="id" size="small" loading={ventures.loading} columns={ventureColumns} dataSource={ordered} pagination={false} scroll={{ x: 1500 }} data-testid="ventures-table" />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {dialog && <SchemeDialog kind={dialog} ventures={list} onClose={() => setDialog(null)} onDone={() => { setDialog(null); roll.reload(); ventures.reload(); }} />}
    </Space>
  );
}

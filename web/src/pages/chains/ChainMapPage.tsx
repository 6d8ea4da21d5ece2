// One chain: the map (ECharts graph, links coloured by strength and sized by revenue), the link
// analysis table, ranked investment targets and dated versions; a link opens a drawer with its
// organisations, targets, indicators, recommendation and, for the bureau, the editor.
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { EChartsOption } from 'echarts';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { LinkDrawer, LinkForm, TargetForm, TargetTable, VersionsPanel } from './ChainParts';
import { useChainsMessages } from './messages';
import { CLS_COLOR, pct, STAGES, yi, type Analysis, type ChainMap, type LinkAnalysis, type Target } from './types';

export default function ChainMapPage() {
  const { chainId = '' } = useParams();
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  const user = useCurrentUser();
  const admin = user.role === 'bureau_admin';
  usePageTitle('nav.chains');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'graph';
  const basis = params.get('basis') === 'confirmed' ? 'confirmed' : 'all';
  const linkId = params.get('link');
  const setParam = (k: string, v: string | null) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); setParams(p); };

  const [rev, setRev] = useState(0);
  const map = useApiGet<ChainMap>(`/api/chains/${chainId}`, {}, String(rev));
  const analysis = useApiGet<Analysis>(`/api/chains/${chainId}/analysis`, { basis }, `${basis}-${rev}`);
  const targets = useApiGet<{ items: Target[] }>(`/api/chains/${chainId}/targets`, { basis }, `${basis}-${rev}`);
  const refresh = () => setRev((n) => n + 1);
  const name = map.data ? (en ? map.data.en : map.data.zh) : chainId;
  useBreadcrumbTrail([{ title: name }]);

  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState(false);
  const [addingTarget, setAddingTarget] = useState(false);

  async function suggest() {
    setBusy(true);
    try {
      const r = await api.post<{ scanned: number; suggested: number; kept: number }>(`/api/chains/${chainId}/suggest`);
      message.success(c('map.suggested', r));
      refresh();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  }

  const a = analysis.data;
  if ((map.loading && !map.data) || (analysis.loading && !a)) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <LoadError error={map.error ?? analysis.error} onRetry={refresh} />
      {map.data && a && (
        <>
          <Card>
            <Row gutter={[24, 12]} align="middle">
              <Col flex="auto">
                <Space align="center" wrap>
                  <Typography.Title level={4} style={{ margin: 0 }} data-testid="chain-title">{name}</Typography.Title>
                  {map.data.origin === 'reference' && <Tooltip title={c('draftNote')}><Tag color="gold">{c('chains.reference')}</Tag></Tooltip>}
                </Space>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{en ? map.data.description.en : map.data.description.zh}</Typography.Paragraph>
              </Col>
              <Col>
                <Space wrap>
                  <Segmented value={basis} onChange={(v) => setParam('basis', v === 'all' ? null : String(v))} options={[{ value: 'all', label: c('basis.all') }, { value: 'confirmed', label: c('basis.confirmed') }]} />
                  {admin && <Button icon={<ThunderboltOutlined />} loading={busy} onClick={suggest} data-testid="chain-suggest">{c('map.suggest')}</Button>}
                  <Button icon={<DownloadOutlined />} onClick={() => api.download(`/api/chains/${chainId}/export.xlsx`, { basis }, `${chainId}.xlsx`).catch((e) => message.error(String(e)))} data-testid="chain-export">{c('map.export')}</Button>
                </Space>
              </Col>
            </Row>
            <Row gutter={24} style={{ marginTop: 12 }}>
              <Col xs={12} md={6}>
                <Tooltip title={c('map.completenessHint')}>
                  <div><Typography.Text type="secondary">{c('map.completeness')}</Typography.Text></div>
                  <Progress percent={Math.round(a.completeness * 1000) / 10} size="small" data-testid="chain-completeness" aria-label={c('map.completeness')} />
                </Tooltip>
              </Col>
              <Col xs={12} md={4}><Statistic title={c('map.strong')} value={a.strong} valueStyle={{ color: CLS_COLOR.strong }} /></Col>
              <Col xs={12} md={4}><Statistic title={c('map.weak')} value={a.weak} valueStyle={{ color: CLS_COLOR.weak }} /></Col>
              <Col xs={12} md={4}><Statistic title={c('map.missing')} value={a.missing} valueStyle={{ color: 'rgba(0, 0, 0, 0.6)' }} /></Col>
              <Col xs={12} md={6}><Statistic title={c('map.fiscalYear')} value={a.fiscalYear ?? '—'} groupSeparator="" /></Col>
            </Row>
          </Card>

          {/* The tab's action sits in the card's head, not in the tab bar: a button inside the
              tab bar (role=tablist) is not a tab, which screen readers announce wrongly. */}
          <Card
            styles={{ body: { paddingTop: 8 } }}
            extra={admin && tab === 'graph' ? <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="chain-add-link">{c('map.addLink')}</Button>
              : tab === 'targets' ? <Button icon={<PlusOutlined />} onClick={() => setAddingTarget(true)}>{c('target.add')}</Button> : null}
          >
            <Tabs
              activeKey={tab}
              onChange={(k) => setParam('tab', k === 'graph' ? null : k)}
              items={[
                { key: 'graph', label: c('map.tab.graph'), children: <ChainGraph map={map.data} analysis={a} name={name} onOpen={(id) => setParam('link', id)} /> },
                { key: 'table', label: c('map.tab.table'), children: <LinkTable analysis={a} onOpen={(id) => setParam('link', id)} /> },
                { key: 'targets', label: `${c('map.tab.targets')}（${targets.data?.items.length ?? 0}）`, children: <TargetTable items={targets.data?.items ?? []} chainId={chainId} onChanged={refresh} onOpenLink={(id) => setParam('link', id)} /> },
                { key: 'versions', label: c('map.tab.versions'), children: <VersionsPanel chainId={chainId} onRestored={refresh} /> },
              ]}
            />
          </Card>
          <Alert type="info" showIcon message={c('map.formula')} />
        </>
      )}
      {map.data && linkId && (
        <LinkDrawer chainId={chainId} linkId={linkId} basis={basis} map={map.data} targets={(targets.data?.items ?? []).filter((t) => t.linkId === linkId)}
          onClose={() => setParam('link', null)} onChanged={refresh} />
      )}
      {map.data && <LinkForm open={adding} chainId={chainId} map={map.data} onClose={() => setAdding(false)} onSaved={refresh} />}
      {map.data && <TargetForm open={addingTarget} chainId={chainId} map={map.data} onClose={() => setAddingTarget(false)} onSaved={refresh} />}
    </Space>
  );
}

function ChainGraph({ map, analysis, name, onOpen }: { map: ChainMap; analysis: Analysis; name: string; onOpen: (id: string) => void }) {
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  const byId = useMemo(() => new Map(analysis.links.map((l) => [l.linkId, l])), [analysis]);
  const { option, height } = useMemo(() => {
    // Fixed layout: one column per stage; top-level links stacked, their sub-links beside them.
    const data: Record<string, unknown>[] = [];
    let rows = 0;
    STAGES.forEach((stage, si) => {
      let row = 0;
      for (const top of map.links.filter((l) => l.stage === stage && !l.parentId)) {
        const kids = map.links.filter((l) => l.parentId === top.id);
        const place = (id: string, x: number, y: number, depth: number) => {
          const a = byId.get(id);
          const cls = a?.cls ?? 'missing';
          const rev = a?.indicators.revenue ?? 0;
          data.push({
            id, name: a ? (en ? a.en : a.zh) : id, x, y, category: ['strong', 'weak', 'missing'].indexOf(cls),
            symbolSize: (depth === 0 ? 18 : 10) + Math.min(26, 7 * Math.log10(1 + rev / 1e10)),
            itemStyle: { color: CLS_COLOR[cls], borderColor: cls === 'missing' ? '#8c8c8c' : '#fff', borderType: cls === 'missing' ? 'dashed' : 'solid', borderWidth: 1.5 },
            label: { show: true, position: depth === 0 ? 'top' : 'right', fontSize: depth === 0 ? 13 : 11, fontWeight: depth === 0 ? 'bold' : 'normal', color: '#262626' },
            value: a?.score ?? 0,
          });
        };
        place(top.id, si * 520, row * 46 + (kids.length ? ((kids.length - 1) * 46) / 2 : 0), 0);
        kids.forEach((k, i) => place(k.id, si * 520 + 190, (row + i) * 46, 1));
        row += Math.max(1, kids.length) + 0.6;
      }
      rows = Math.max(rows, row);
    });
    const links = [
      ...map.links.filter((l) => l.parentId).map((l) => ({ source: l.parentId!, target: l.id, lineStyle: { type: 'dashed' as const, color: '#d9d9d9', width: 1, curveness: 0 }, symbol: ['none', 'none'] })),
      ...map.edges.map((e) => ({ source: e.fromLinkId, target: e.toLinkId, lineStyle: { color: '#8c8c8c', width: 1.2, curveness: 0.25, opacity: 0.8 }, symbol: ['none', 'arrow'], symbolSize: [0, 7] })),
    ];
    const option: EChartsOption = {
      tooltip: {
        formatter: (p: unknown) => {
          const d = (p as { data: { id?: string } }).data;
          const a = d?.id ? byId.get(d.id) : undefined;
          if (!a) return '';
          return `<b>${en ? a.en : a.zh}</b><br/>${c(`stage.${a.stage}`)} · ${c(`cls.${a.cls}`)} · ${c('col.score')} ${a.score}<br/>${c('col.orgs')} ${a.indicators.organisations} · ${c('col.revenue')} ${yi(a.indicators.revenue)}<br/>${c(`action.${a.action}`)}：${en ? a.recommendation.en : a.recommendation.zh}`;
        },
      },
      legend: { data: [c('map.legendStrong'), c('map.legendWeak'), c('map.legendMissing')], top: 0 },
      series: [{
        type: 'graph', layout: 'none', roam: true, top: 60, bottom: 20, left: 120, right: 170,
        categories: [
          { name: c('map.legendStrong'), itemStyle: { color: CLS_COLOR.strong } },
          { name: c('map.legendWeak'), itemStyle: { color: CLS_COLOR.weak } },
          { name: c('map.legendMissing'), itemStyle: { color: CLS_COLOR.missing } },
        ],
        data, links, edgeSymbol: ['none', 'arrow'], emphasis: { focus: 'adjacency' },
      }],
    };
    return { option, height: Math.max(520, Math.min(1400, rows * 34 + 120)) };
  }, [map, byId, en, c]);

  const stageHeads = (
    <Row style={{ marginBottom: 4 }}>
      {STAGES.map((s) => (
        <Col span={8} key={s}>
          <Typography.Text strong>{c(`stage.${s}`)}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {c('map.strong')} {analysis.byStage[s].strong} · {c('map.weak')} {analysis.byStage[s].weak} · {c('map.missing')} {analysis.byStage[s].missing}
          </Typography.Text>
        </Col>
      ))}
    </Row>
  );
  return (
    <div data-testid="chain-graph">
      {stageHeads}
      <EChart
        title={c('map.chartTitle', { name })}
        unit={c('map.chartUnit')}
        option={option}
        height={height}
        fileName={name}
        note={c('map.chartNote')}
        labels={{ showTable: c('map.showTable'), hideTable: c('map.hideTable'), png: 'PNG', svg: 'SVG' }}
        table={{
          columns: [{ key: 'link', title: c('col.link') }, { key: 'stage', title: c('col.stage') }, { key: 'score', title: c('col.score'), align: 'right' }, { key: 'cls', title: c('col.cls') }],
          rows: analysis.links.map((l) => ({ link: `${'　'.repeat(l.depth)}${en ? l.en : l.zh}`, stage: c(`stage.${l.stage}`), score: l.score, cls: c(`cls.${l.cls}`) })),
        }}
        onClick={(p) => { const id = (p.data as { id?: string } | undefined)?.id; if (id) onOpen(id); }}
        testId="chain-chart"
      />
    </div>
  );
}

function LinkTable({ analysis, onOpen }: { analysis: Analysis; onOpen: (id: string) => void }) {
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  return (
    <Table<LinkAnalysis>
      rowKey="linkId"
      size="small"
      pagination={false}
      dataSource={analysis.links}
      scroll={{ x: 1300 }}
      data-testid="link-table"
      onRow={(r) => ({ onClick: () => onOpen(r.linkId), style: { cursor: 'pointer' } })}
      columns={[
        { key: 'link', title: c('col.link'), fixed: 'left', width: 220, render: (_, r) => <span style={{ paddingLeft: r.depth * 16, fontWeight: r.depth ? 'normal' : 600 }}>{en ? r.en : r.zh}</span> },
        { key: 'stage', title: c('col.stage'), width: 80, render: (_, r) => c(`stage.${r.stage}`), filters: STAGES.map((s) => ({ text: c(`stage.${s}`), value: s })), onFilter: (v, r) => r.stage === v },
        { key: 'orgs', title: c('col.orgs'), width: 90, align: 'right', sorter: (x, y) => x.indicators.organisations - y.indicators.organisations, render: (_, r) => r.indicators.organisations },
        { key: 'revenue', title: c('col.revenue'), width: 120, align: 'right', sorter: (x, y) => x.indicators.revenue - y.indicators.revenue, render: (_, r) => yi(r.indicators.revenue) },
        { key: 'hnte', title: c('col.hnte'), width: 70, align: 'right', render: (_, r) => r.indicators.hnte },
        { key: 'srdi', title: c('col.srdi'), width: 80, align: 'right', render: (_, r) => r.indicators.srdi },
        { key: 'rd', title: c('col.rd'), width: 90, align: 'right', render: (_, r) => pct(r.indicators.rdIntensity) },
        { key: 'ip', title: c('col.ip'), width: 100, align: 'right', render: (_, r) => r.indicators.classOneIp },
        { key: 'leaders', title: c('col.leaders'), width: 60, align: 'right', render: (_, r) => r.indicators.leaders },
        { key: 'score', title: c('col.score'), width: 70, align: 'right', sorter: (x, y) => x.score - y.score, render: (_, r) => r.score },
        { key: 'cls', title: c('col.cls'), width: 70, render: (_, r) => <Tag color={CLS_COLOR[r.cls]}>{c(`cls.${r.cls}`)}</Tag>, filters: (['strong', 'weak', 'missing'] as const).map((s) => ({ text: c(`cls.${s}`), value: s })), onFilter: (v, r) => r.cls === v },
        { key: 'action', title: c('col.action'), width: 320, render: (_, r) => <Space size={4} align="start"><Tag>{c(`action.${r.action}`)}</Tag><span style={{ fontSize: 12 }}>{en ? r.recommendation.en : r.recommendation.zh}</span></Space> },
        { key: 'reserve', title: c('col.reserve'), width: 70, align: 'right', render: (_, r) => r.reserve },
        { key: 'targets', title: c('col.targets'), width: 80, align: 'right', render: (_, r) => r.targets },
      ]}
    />
  );
}


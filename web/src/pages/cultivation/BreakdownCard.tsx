// Funnel drill-down: one tier's held, met and reserve counts per district, GB/T 4754 section or
// division, for the funnel's date and filters. A district row narrows the page to that
// district; a section row opens its divisions; a division row filters by it.
import { Card, Segmented, Select, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { TIERS, useCultivationMessages, type Tier } from './messages';
import { formatCount, type Breakdown, type BreakdownGroup } from './types';

export type BreakdownBy = Breakdown['by'];

interface Props {
  by: BreakdownBy;
  tier: Tier;
  query: { asOf: string; district: string; industry: string; chain: string };
  /** Byways into the funnel's URL state. */
  onChange: (next: { by?: BreakdownBy; tier?: Tier; district?: string; industry?: string; chain?: string }) => void;
  byChoices: BreakdownBy[];
  reserveLink: (group: BreakdownGroup) => string;
}

export function BreakdownCard({ by, tier, query, onChange, byChoices, reserveLink }: Props) {
  const { t: c, locale } = useCultivationMessages();
  const en = locale === 'en-US';
  const key = `${by}|${query.asOf}|${query.district}|${query.industry}|${query.chain}`;
  const { data, loading, error, reload } = useApiGet<Breakdown>('/api/cultivation/breakdown', { by, ...query }, key);

  function drill(group: BreakdownGroup) {
    if (by === 'district') onChange({ district: group.key });
    else if (by === 'chain') onChange({ chain: group.key });
    else if (by === 'section' && group.key) onChange({ by: 'division', industry: group.key });
    else if (by === 'division' && group.key) onChange({ industry: group.key });
  }

  const num = (n: number | undefined) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCount(n ?? 0)}</span>;
  return (
    <Card
      title={c('breakdown.title')}
      extra={
        <Space wrap>
          <Segmented<BreakdownBy>
            value={by}
            onChange={(value) => onChange({ by: value })}
            options={byChoices.map((value) => ({ value, label: c(`breakdown.by.${value}`) }))}
            data-testid="breakdown-by"
          />
          <Select<Tier>
            value={tier}
            onChange={(value) => onChange({ tier: value })}
            options={TIERS.map((value) => ({ value, label: c(`tier.${value}`) }))}
            style={{ width: en ? 260 : 200 }}
            data-testid="breakdown-tier"
            aria-label={c('breakdown.tierLabel')}
          />
        </Space>
      }
      data-testid="breakdown"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{c('breakdown.hint')}</Typography.Paragraph>
      <LoadError error={error} onRetry={reload} />
      <Table<BreakdownGroup>
        rowKey="key"
        size="small"
        loading={loading}
        dataSource={data?.groups ?? []}
        pagination={(data?.groups.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid="breakdown-table"
        columns={[
          {
            title: c(`breakdown.col.${by}`), key: 'group',
            render: (_, g) => (by !== 'division' || g.key) && g.key ? (
              <Typography.Link onClick={() => drill(g)} data-testid="breakdown-drill">{en ? g.label.en : g.label.zh}</Typography.Link>
            ) : (en ? g.label.en : g.label.zh),
          },
          { title: c('breakdown.col.evaluated'), key: 'n', align: 'right', width: 110, render: (_, g) => num(g.evaluated), sorter: (a, b) => a.evaluated - b.evaluated },
          { title: c('series.held'), key: 'held', align: 'right', width: 110, render: (_, g) => num(g.tiers[tier]?.held), sorter: (a, b) => (a.tiers[tier]?.held ?? 0) - (b.tiers[tier]?.held ?? 0) },
          { title: c('series.pass'), key: 'pass', align: 'right', width: 120, render: (_, g) => num(g.tiers[tier]?.pass), sorter: (a, b) => (a.tiers[tier]?.pass ?? 0) - (b.tiers[tier]?.pass ?? 0) },
          {
            title: c('series.reserve'), key: 'reserve', align: 'right', width: 110,
            sorter: (a, b) => (a.tiers[tier]?.reserve ?? 0) - (b.tiers[tier]?.reserve ?? 0),
            render: (_, g) => (g.tiers[tier]?.reserve ? <Link to={reserveLink(g)}>{num(g.tiers[tier]?.reserve)}</Link> : num(0)),
          },
        ]}
      />
    </Card>
  );
}

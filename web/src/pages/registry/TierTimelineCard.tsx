// 评价历史: the organisation's stored tier results over the evaluation dates (a grid of verdicts,
// certificates marked), and below it what changed from one date to the next — which tier was
// gained or lost, and the criteria whose verdicts changed, each with the later sentence.
import { Card, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { pick, type Bilingual } from './health';
import { useHealthMessages } from './healthMessages';
import { VerdictTag } from './VerdictTag';

interface TimelinePoint { asOf: string; verdict: string; held: boolean; version: string }
interface TimelineChange {
  asOf: string;
  previous: string;
  ruleset: string;
  from: string;
  to: string;
  kind: 'gained' | 'lost' | 'changed';
  heldFrom: boolean;
  heldTo: boolean;
  version: { from: string; to: string };
  reasons: { criterion: string; from: string | null; to: string; text: Bilingual }[];
}
interface TierTimeline {
  uscc: string;
  dates: string[];
  tiers: { ruleset: string; title: Bilingual; points: TimelinePoint[] }[];
  changes: TimelineChange[];
}

const KIND_COLOR = { gained: 'green', lost: 'red', changed: 'gray' } as const;

export function TierTimelineCard({ uscc, reloadKey }: { uscc: string; reloadKey: string }) {
  const { t: h, locale } = useHealthMessages();
  const { data, error, loading, reload } = useApiGet<TierTimeline>(`/api/orgs/${encodeURIComponent(uscc)}/tier-timeline`, {}, reloadKey);
  const titleOf = (ruleset: string) => {
    const tier = data?.tiers.find((x) => x.ruleset === ruleset);
    return tier ? pick(tier.title, locale) : ruleset;
  };
  return (
    <Card title={h('timeline.title')} loading={loading && !data} data-testid="tier-timeline">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{h('timeline.hint')}</Typography.Paragraph>
      <LoadError error={error} onRetry={reload} />
      {data && data.dates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={h('timeline.empty')} />
      ) : data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Table
            rowKey="ruleset"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={data.tiers}
            data-testid="tier-timeline-grid"
            columns={[
              { title: h('timeline.tier'), key: 'tier', fixed: 'left', width: 200, render: (_, tier) => pick(tier.title, locale) },
              ...data.dates.map((date) => ({
                title: <span className="lc-mono">{date}</span>,
                key: date,
                width: 130,
                render: (_: unknown, tier: TierTimeline['tiers'][number]) => {
                  const p = tier.points.find((x) => x.asOf === date);
                  if (!p) return '—';
                  return (
                    <Space size={4}>
                      <VerdictTag verdict={p.verdict} />
                      {p.held && <SafetyCertificateOutlined title={h('timeline.held')} style={{ color: '#1558d6' }} />}
                    </Space>
                  );
                },
              })),
            ]}
          />
          {data.changes.length === 0 ? (
            <Typography.Text type="secondary">{h('timeline.noChanges')}</Typography.Text>
          ) : (
            <Timeline
              data-testid="tier-timeline-changes"
              items={data.changes.map((change) => ({
                color: KIND_COLOR[change.kind],
                children: (
                  <div>
                    <Space size={8} wrap>
                      <span className="lc-mono">{change.asOf}</span>
                      <Tag color={KIND_COLOR[change.kind]}>{h(`timeline.kind.${change.kind}`)}</Tag>
                      <strong>{titleOf(change.ruleset)}</strong>
                      <span><VerdictTag verdict={change.from} /> → <VerdictTag verdict={change.to} /></span>
                      {change.heldFrom !== change.heldTo && <Tag>{h(change.heldTo ? 'timeline.certGained' : 'timeline.certLost')}</Tag>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h('timeline.since', { date: change.previous })}</Typography.Text>
                      {change.version.from !== change.version.to && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h('timeline.version', { from: change.version.from, to: change.version.to })}</Typography.Text>
                      )}
                    </Space>
                    {change.reasons.length > 0 && (
                      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                        {change.reasons.map((r) => (
                          <li key={r.criterion}>
                            <span className="lc-mono" style={{ color: 'rgba(0, 0, 0, 0.6)', fontSize: 12, marginRight: 6 }}>{r.criterion}</span>
                            {pick(r.text, locale)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

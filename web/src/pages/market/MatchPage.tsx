// 匹配结果: achievements ranked for one demand (or demands for one achievement), each factor's
// contribution shown as a bar; brokers keep their follow-up notes beside it.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Empty, List, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { FollowUps, ListingDrawer } from './ListingDrawer';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { named, useMarketMessages } from './messages';
import type { Achievement, Demand, Match, Weights } from './types';

export default function MatchPage({ kind = 'demand' }: { kind?: 'demand' | 'achievement' }) {
  const { t, locale } = useMarketMessages();
  usePageTitle('nav.market');
  const { id } = useParams();
  const user = useCurrentUser();
  const broker = user.role === 'bureau_admin' || user.role === 'district_officer';
  const [open, setOpen] = useState<string | null>(null);
  const { data, loading, error, reload } = useApiGet<{ demand?: Demand; achievement?: Achievement; weights: Weights; items: Match[] }>(`/api/market/${kind}s/${id}/matches`, {}, `${kind}-${id}`);
  const other = kind === 'demand' ? 'achievement' : 'demand';
  const w = data?.weights;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card loading={loading && !data}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('match.title')}</Typography.Title>
        {data?.demand && <Typography.Text data-testid="match-demand">{t('match.for', { problem: data.demand.problem })}</Typography.Text>}
        {data?.achievement && <Typography.Text data-testid="match-achievement">{t('match.forAchievement', { title: data.achievement.title })}</Typography.Text>}
        {w && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('match.weights', { ...w })}</Typography.Paragraph>}
      </Card>
      <LoadError error={error} onRetry={reload} />
      <Card>
        {data && data.items.length === 0 ? <Empty description={t(kind === 'demand' ? 'match.none' : 'match.noneDemand')} /> : (
          <List<Match>
            data-testid="match-list" loading={loading} dataSource={data?.items ?? []}
            renderItem={(m, i) => (
              <List.Item data-testid="match-item">
                <div style={{ width: '100%' }}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Typography.Text strong>{i + 1}. {m.title}</Typography.Text>
                    <Space>
                      <Button type="link" size="small" onClick={() => setOpen(m.id)}>{t('mine.view')}</Button>
                      <Tag color="blue" data-testid="match-score">{t('match.score')} {m.score.toFixed(1)}</Tag>
                    </Space>
                  </Space>
                  <div style={{ display: 'grid', gridTemplateColumns: '120px 1fr 60px', gap: '4px 12px', marginTop: 8, alignItems: 'center' }}>
                    {m.factors.map((f) => {
                      const max = w ? (f.weight * 100) / Object.entries(w).reduce((s, [k, v]) => s + (m.factors.find((x) => x.factor === k)?.asked ? v : 0), 0) : 100;
                      return [
                        <Typography.Text key={`${f.factor}-l`} type={f.asked ? undefined : 'secondary'}>{t(`factor.${f.factor}`)}</Typography.Text>,
                        <Tooltip key={`${f.factor}-b`} title={named(f.detail, locale)}>
                          <div data-testid={`factor-${f.factor}`}>
                            <Progress percent={f.asked ? Math.round((f.points / max) * 100) : 0} showInfo={false} size="small" strokeColor={f.asked ? '#1558d6' : '#d9d9d9'} />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.asked ? named(f.detail, locale) : t('factor.notAsked')}</Typography.Text>
                          </div>
                        </Tooltip>,
                        <Typography.Text key={`${f.factor}-p`} style={{ textAlign: 'right' }}>{f.asked ? `+${f.points.toFixed(1)}` : '—'}</Typography.Text>,
                      ];
                    })}
                  </div>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      {broker && id && <Card><FollowUps kind={kind} id={id} /></Card>}
      <ListingDrawer kind={other} id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

// One indicator as a card: the figure in large type with its unit and period, its source on
// hover, and for a platform figure the reported one beside it. The card opens the indicator's
// page (its series, sources and the rows behind it).
import { Link } from 'react-router-dom';
import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useCockpitMessages } from './messages';
import { formatNumber, name, shownValue, unitLabel, type Indicator } from './types';

/** Writes a figure with its qualifier: "1,500 以上", "近 1,000". */
export function useFigure() {
  const { t: m } = useCockpitMessages();
  return (value: number, qualifier: 'more_than' | 'nearly' | null) =>
    qualifier ? m(`qualifier.${qualifier}`, { value: formatNumber(value) }) : formatNumber(value);
}

export function IndicatorCard({ indicator: i, reported }: { indicator: Indicator; reported?: Indicator }) {
  const { t: m, locale } = useCockpitMessages();
  const figure = useFigure();
  const shown = shownValue(i);
  const source = i.kind === 'reported' ? i.latest?.source : null;
  const unit = unitLabel(i.unit, locale);
  const big = shown ? figure(shown.value, shown.qualifier) : m('card.noValue');
  return (
    <Link to={`/cockpit/indicators/${i.id}`} data-testid={`indicator-card-${i.id}`}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Tag color={i.kind === 'reported' ? 'blue' : 'cyan'} style={{ marginInlineEnd: 0 }}>{m(`kind.${i.kind}`)}</Tag>
            {i.current && i.current.synthetic > 0 && <Tag color="orange">{m('card.synthetic')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 13 }} ellipsis={{ tooltip: name(i.name, locale) }}>{name(i.name, locale)}</Typography.Text>
          <Tooltip title={source ? m('card.source', { doc: [source.docNo, source.title].filter(Boolean).join(' '), date: source.date }) : name(i.definition, locale)}>
            <div>
              <span style={{ fontSize: 26, fontWeight: 600, color: '#1f1f1f' }} data-testid={`indicator-value-${i.id}`}>{big}</span>
              {shown && <span style={{ marginLeft: 4, color: 'rgba(0,0,0,0.55)' }}>{unit}</span>}
            </div>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {shown ? shown.period : i.target ? `${m('card.target')} ${formatNumber(i.target.value)}${unit}` : ''}
          </Typography.Text>
          {i.comparison && (
            <Typography.Text style={{ fontSize: 12 }}>
              {m('card.reportedLine', { value: figure(i.comparison.reported, reported?.latest?.qualifier ?? null), unit, period: i.comparison.reportedPeriod })}
            </Typography.Text>
          )}
        </Space>
      </Card>
    </Link>
  );
}

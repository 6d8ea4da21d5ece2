// The tier ladder: one row per tier with horizontal bars (certified, would meet now, reserve),
// the highest rung at the top and the lowest at the bottom. SvgChart draws vertical bars over
// years only, so this chart follows its conventions (title, unit, legend, "查看数据表") for
// horizontal bars.
import { useId, useState, type ReactNode } from 'react';
import { Button, Table, Typography } from 'antd';
import { formatCount } from './types';

export interface LadderRow {
  key: string;
  label: string;
  /** "第 1 级" … shown under the label. */
  rung: string;
  values: number[];
}

export interface LadderSeries {
  name: string;
  color: string;
}

interface Props {
  title: string;
  unit: string;
  /** Rows from the lowest rung to the highest; drawn the other way round. */
  rows: LadderRow[];
  series: LadderSeries[];
  labels: { showTable: string; hideTable: string; category: string };
  note?: string;
  /** Beside the title: e.g. the evaluation date, and actions at the right. */
  extra?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

const TICKS = 4;
/** Room right of the longest bar for its value. */
const VALUE_SPACE = 56;
const BAR = 10;

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exponent = Math.floor(Math.log10(max));
  const base = 10 ** exponent;
  for (const step of [1, 2, 2.5, 5, 10]) if (step * base >= max) return step * base;
  return 10 * base;
}

export function FunnelChart({ title, unit, rows, series, labels, note, extra, actions, testId }: Props) {
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const max = niceMax(Math.max(0, ...rows.flatMap((row) => row.values)));
  const pct = (value: number) => `${(value / max) * 100}%`;
  const top = [...rows].reverse();
  const labelWidth = 190;

  return (
    <div className="lc-chart" data-testid={testId}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong id={titleId} style={{ fontSize: 16 }}>
          {title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {unit}
        </Typography.Text>
        {extra}
        {actions && <span style={{ marginLeft: 'auto' }}>{actions}</span>}
      </div>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', margin: '4px 0 8px', fontSize: 12 }} data-testid={testId ? `${testId}-legend` : undefined}>
        {series.map((s) => (
          <span key={s.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            <span style={{ width: 10, height: 10, background: s.color, borderRadius: 2, display: 'inline-block' }} />
            {s.name}
          </span>
        ))}
      </div>
      <div role="img" aria-labelledby={titleId}>
        {top.map((row, index) => (
          <div
            key={row.key}
            style={{ display: 'flex', alignItems: 'stretch', borderTop: index === 0 ? undefined : '1px dashed #f0f0f0' }}
            data-testid={`ladder-${row.key}`}
          >
            <div style={{ width: labelWidth, flex: 'none', padding: '4px 12px 4px 0', display: 'flex', flexDirection: 'column', justifyContent: 'center', borderRight: '2px solid #bfbfbf' }}>
              <span style={{ fontSize: 13, lineHeight: 1.35 }}>{row.label}</span>
              <span style={{ fontSize: 11, color: 'rgba(0, 0, 0, 0.6)' }}>{row.rung}</span>
            </div>
            <div style={{ flex: 1, position: 'relative', padding: '5px 0', minWidth: 0 }}>
              <div aria-hidden style={{ position: 'absolute', top: 0, bottom: 0, left: 0, right: VALUE_SPACE }}>
                {Array.from({ length: TICKS }, (_, i) => (
                  <span key={i} style={{ position: 'absolute', top: 0, bottom: 0, left: `${((i + 1) / TICKS) * 100}%`, borderLeft: '1px solid #f0f0f0' }} />
                ))}
              </div>
              {series.map((s, si) => {
                const value = row.values[si] ?? 0;
                return (
                  <div key={s.name} style={{ display: 'flex', alignItems: 'center', height: BAR + 2, margin: '1px 0', position: 'relative', paddingRight: VALUE_SPACE }}>
                    <div
                      title={`${row.label} ${s.name}: ${formatCount(value)}`}
                      style={{ width: pct(value), minWidth: value > 0 ? 2 : 0, height: BAR, background: s.color, borderRadius: '0 2px 2px 0' }}
                    />
                    <span style={{ fontSize: 11, lineHeight: 1, marginLeft: 6, color: '#595959', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatCount(value)}</span>
                  </div>
                );
              })}
            </div>
          </div>
        ))}
        <div style={{ display: 'flex' }} aria-hidden>
          <div style={{ width: labelWidth, flex: 'none', borderRight: '2px solid #bfbfbf' }} />
          <div style={{ flex: 1, position: 'relative', height: 18, marginRight: VALUE_SPACE, borderTop: '1px solid #bfbfbf' }}>
            {Array.from({ length: TICKS + 1 }, (_, i) => (
              <span
                key={i}
                style={{ position: 'absolute', left: `${(i / TICKS) * 100}%`, transform: i === 0 ? 'none' : 'translateX(-50%)', fontSize: 11, color: 'rgba(0, 0, 0, 0.6)', top: 2 }}
              >
                {formatCount((max * i) / TICKS)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginTop: 6 }}>
        {note && (
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 1 }}>
            {note}
          </Typography.Text>
        )}
        <Button type="link" size="small" onClick={() => setShowTable((open) => !open)} style={{ paddingInline: 0, marginLeft: 'auto' }} data-testid={testId ? `${testId}-table-toggle` : undefined}>
          {showTable ? labels.hideTable : labels.showTable}
        </Button>
      </div>
      {showTable && (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          data-testid={testId ? `${testId}-table` : undefined}
          dataSource={rows.map((row) => ({ key: row.key, label: row.label, ...Object.fromEntries(series.map((_, si) => [`s${si}`, row.values[si]])) }))}
          columns={[
            { title: labels.category, dataIndex: 'label' },
            ...series.map((s, si) => ({
              title: s.name,
              dataIndex: `s${si}`,
              align: 'right' as const,
              render: (value: number | undefined) => (value === undefined ? '—' : formatCount(value)),
            })),
          ]}
        />
      )}
    </div>
  );
}

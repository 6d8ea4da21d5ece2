// The platform's small chart: bars and lines over categories (years), drawn as SVG without a
// charting library. Every chart has a title, its units, a legend, and a table behind it.
import { useId, useState, type ReactNode } from 'react';
import { Button, Table, Typography } from 'antd';

export interface ChartSeries {
  name: string;
  type: 'bar' | 'line';
  values: (number | null)[];
  /** Lines may use the right axis (e.g. a percentage next to amounts). */
  axis?: 'left' | 'right';
  color: string;
  /** How a value reads in tooltips and the table (defaults to two decimals). */
  format?: (value: number) => string;
}

export interface SvgChartProps {
  title: string;
  /** "单位：万元" or "左轴：万元；右轴：%". */
  unit: string;
  categories: string[];
  series: ChartSeries[];
  /** Text for "show the table" / "hide the table" and the category column. */
  labels: { showTable: string; hideTable: string; category: string };
  note?: ReactNode;
  height?: number;
  testId?: string;
}

const WIDTH = 560;
const PAD = { top: 16, right: 52, bottom: 28, left: 60 };
const TICKS = 4;
const AXIS_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const defaultFormat = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A "nice" upper bound (1, 2, 2.5, 5 × 10ⁿ) at or above max. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exponent = Math.floor(Math.log10(max));
  const base = 10 ** exponent;
  for (const step of [1, 2, 2.5, 5, 10]) if (step * base >= max) return step * base;
  return 10 * base;
}

function range(values: (number | null)[]): [number, number] {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const max = niceMax(Math.max(0, ...known));
  const minRaw = Math.min(0, ...known);
  const min = minRaw < 0 ? -niceMax(-minRaw) : 0;
  return [min, max];
}

export function SvgChart({ title, unit, categories, series, labels, note, height = 240, testId }: SvgChartProps) {
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const left = series.filter((s) => (s.axis ?? 'left') === 'left');
  const right = series.filter((s) => s.axis === 'right');
  const [lMin, lMax] = range(left.flatMap((s) => s.values));
  const [rMin, rMax] = range(right.flatMap((s) => s.values));
  const y = (value: number, axis: 'left' | 'right') => {
    const [min, max] = axis === 'left' ? [lMin, lMax] : [rMin, rMax];
    return PAD.top + plotH - ((value - min) / (max - min || 1)) * plotH;
  };
  const band = plotW / Math.max(categories.length, 1);
  const bars = series.filter((s) => s.type === 'bar');
  const barW = Math.min(28, (band * 0.7) / Math.max(bars.length, 1));
  const x = (index: number) => PAD.left + band * index + band / 2;

  return (
    <div className="lc-chart" data-testid={testId}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong id={titleId}>
          {title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {unit}
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', margin: '6px 0 2px', fontSize: 12 }} aria-hidden>
        {series.map((s) => (
          <span key={s.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            {s.type === 'bar' ? (
              <span style={{ width: 10, height: 10, background: s.color, borderRadius: 2, display: 'inline-block' }} />
            ) : (
              <span style={{ width: 16, height: 2, background: s.color, display: 'inline-block', position: 'relative' }} />
            )}
            {s.name}
          </span>
        ))}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={titleId} style={{ display: 'block', maxWidth: WIDTH * 1.4 }}>
        {Array.from({ length: TICKS + 1 }, (_, i) => {
          const lv = lMin + ((lMax - lMin) * i) / TICKS;
          const ty = y(lv, 'left');
          return (
            <g key={i}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={ty} y2={ty} stroke={lv === 0 ? '#bfbfbf' : '#f0f0f0'} />
              {left.length > 0 && (
                <text x={PAD.left - 6} y={ty + 4} textAnchor="end" fontSize={11} fill="#8c8c8c">
                  {AXIS_FORMAT.format(lv)}
                </text>
              )}
              {right.length > 0 && (
                <text x={WIDTH - PAD.right + 6} y={ty + 4} textAnchor="start" fontSize={11} fill="#8c8c8c">
                  {AXIS_FORMAT.format(rMin + ((rMax - rMin) * i) / TICKS)}
                </text>
              )}
            </g>
          );
        })}
        {categories.map((category, index) => (
          <text key={category} x={x(index)} y={height - 8} textAnchor="middle" fontSize={11} fill="#595959">
            {category}
          </text>
        ))}
        {bars.map((s, barIndex) =>
          s.values.map((value, index) => {
            if (value === null) return null;
            const axis = s.axis ?? 'left';
            const top = y(Math.max(value, 0), axis);
            const bottom = y(Math.min(value, 0), axis);
            const bx = x(index) - (barW * bars.length) / 2 + barIndex * barW;
            return (
              <rect key={`${s.name}-${index}`} x={bx + 1} y={top} width={Math.max(barW - 2, 2)} height={Math.max(bottom - top, 1)} fill={s.color} rx={2}>
                <title>{`${categories[index]} ${s.name}: ${(s.format ?? defaultFormat)(value)}`}</title>
              </rect>
            );
          }),
        )}
        {series
          .filter((s) => s.type === 'line')
          .map((s) => {
            const axis = s.axis ?? 'left';
            const points = s.values.map((value, index) => (value === null ? null : { x: x(index), y: y(value, axis), value, index }));
            // Gaps (unknown years) break the line.
            const segments: string[] = [];
            let current: string[] = [];
            for (const point of points) {
              if (point) current.push(`${point.x},${point.y}`);
              else if (current.length) {
                segments.push(current.join(' '));
                current = [];
              }
            }
            if (current.length) segments.push(current.join(' '));
            return (
              <g key={s.name}>
                {segments.map((segment) => (
                  <polyline key={segment} points={segment} fill="none" stroke={s.color} strokeWidth={2} />
                ))}
                {points.map(
                  (point) =>
                    point && (
                      <circle key={point.index} cx={point.x} cy={point.y} r={3.5} fill="#fff" stroke={s.color} strokeWidth={2}>
                        <title>{`${categories[point.index]} ${s.name}: ${(s.format ?? defaultFormat)(point.value)}`}</title>
                      </circle>
                    ),
                )}
              </g>
            );
          })}
      </svg>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        {note && (
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 1 }}>
            {note}
          </Typography.Text>
        )}
        <Button type="link" size="small" onClick={() => setShowTable((open) => !open)} style={{ paddingInline: 0, marginLeft: 'auto' }}>
          {showTable ? labels.hideTable : labels.showTable}
        </Button>
      </div>
      {showTable && (
        <Table
          size="small"
          pagination={false}
          rowKey="category"
          dataSource={categories.map((category, index) => ({
            category,
            ...Object.fromEntries(series.map((s, si) => [`s${si}`, s.values[index]])),
          }))}
          columns={[
            { title: labels.category, dataIndex: 'category' },
            ...series.map((s, si) => ({
              title: s.name,
              dataIndex: `s${si}`,
              align: 'right' as const,
              render: (value: number | null) => (value === null || value === undefined ? '—' : (s.format ?? defaultFormat)(value)),
            })),
          ]}
        />
      )}
    </div>
  );
}

// The platform's one ECharts wrapper: shared light and dark (wall display) themes, a title with
// units, "查看数据表" to see the table behind the chart, and PNG and SVG export. Pages pass an ECharts
// option plus the table rows; charts, components and renderers are registered once here so
// every module's chunk shares them.
import { useId, useRef, useState, type ReactNode } from 'react';
import { Button, Space, Table, Typography } from 'antd';
import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, GraphChart, LineChart, PieChart, RadarChart, SankeyChart, TreeChart } from 'echarts/charts';
import {
  DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
// The ES module build: lib/ is CommonJS, whose default import is the module object under Vite.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsOption } from 'echarts';

echarts.use([
  BarChart, FunnelChart, GraphChart, LineChart, PieChart, RadarChart, SankeyChart, TreeChart,
  DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TitleComponent, TooltipComponent,
  CanvasRenderer, SVGRenderer,
]);

/** Series colours shared by every chart; red/green keep the Chinese rise/fall meaning. */
export const CHART_COLORS = ['#1677ff', '#13a8a8', '#fa8c16', '#722ed1', '#eb2f96', '#52c41a', '#faad14', '#2f54eb'];
export const RISE_COLOR = '#cf1322';
export const FALL_COLOR = '#389e0d';

echarts.registerTheme('luchuang', { color: CHART_COLORS, backgroundColor: 'transparent' });
echarts.registerTheme('luchuang-dark', {
  color: ['#4096ff', '#36cfc9', '#ffa940', '#9254de', '#f759ab', '#73d13d', '#ffc53d', '#597ef7'],
  backgroundColor: 'transparent',
  textStyle: { color: '#d9e4f5' },
  legend: { textStyle: { color: '#d9e4f5' } },
  categoryAxis: { axisLine: { lineStyle: { color: '#5b6b85' } }, axisLabel: { color: '#d9e4f5' }, splitLine: { lineStyle: { color: '#2a3650' } } },
  valueAxis: { axisLine: { lineStyle: { color: '#5b6b85' } }, axisLabel: { color: '#d9e4f5' }, splitLine: { lineStyle: { color: '#2a3650' } } },
});

export interface EChartTable {
  columns: { key: string; title: string; align?: 'left' | 'right' }[];
  rows: Record<string, ReactNode>[];
}

export interface EChartProps {
  title: string;
  /** "单位：家" — shown under the title; every chart states its units. */
  unit: string;
  option: EChartsOption;
  /** The rows behind the chart, for "查看数据表". */
  table: EChartTable;
  labels: { showTable: string; hideTable: string; png: string; svg?: string };
  height?: number;
  dark?: boolean;
  note?: ReactNode;
  /** Extra actions beside the title (e.g. an Excel export). */
  extra?: ReactNode;
  /** File name (without extension) for the PNG and SVG exports. */
  fileName?: string;
  onClick?: (params: { name: string; dataIndex: number; seriesIndex?: number; data?: unknown }) => void;
  testId?: string;
}

export function EChart({ title, unit, option, table, labels, height = 300, dark, note, extra, fileName, onClick, testId }: EChartProps) {
  const [showTable, setShowTable] = useState(false);
  const ref = useRef<ReactEChartsCore>(null);
  const titleId = useId();

  function downloadPng() {
    const chart = ref.current?.getEchartsInstance();
    if (!chart) return;
    const a = document.createElement('a');
    a.href = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: dark ? '#0b1426' : '#ffffff' });
    a.download = `${fileName ?? title}.png`;
    a.click();
  }

  // Vector export: the same option drawn once more by the SVG renderer, off screen, at the
  // chart's current size (the canvas on screen stays as it is).
  function downloadSvg() {
    const chart = ref.current?.getEchartsInstance();
    if (!chart) return;
    const svgChart = echarts.init(null, dark ? 'luchuang-dark' : 'luchuang', { renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight() });
    svgChart.setOption({ ...(chart.getOption() as EChartsOption), animation: false, backgroundColor: dark ? '#0b1426' : '#ffffff' });
    const blob = new Blob([svgChart.renderToSVGString()], { type: 'image/svg+xml' });
    svgChart.dispose();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${fileName ?? title}.svg`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  return (
    <figure className="echart" aria-labelledby={titleId} data-testid={testId} style={{ margin: 0 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <div>
          <Typography.Text strong id={titleId} style={dark ? { color: '#e6f0ff', fontSize: 20 } : undefined}>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: dark ? 15 : 12, ...(dark ? { color: '#9fb3d1' } : {}) }}>{unit}</Typography.Text>
        </div>
        {!dark && (
          <Space size={4}>
            {extra}
            <Button size="small" type="link" icon={<TableOutlined />} onClick={() => setShowTable((v) => !v)}>
              {showTable ? labels.hideTable : labels.showTable}
            </Button>
            <Button size="small" type="link" icon={<DownloadOutlined />} onClick={downloadPng}>{labels.png}</Button>
            {labels.svg && <Button size="small" type="link" icon={<DownloadOutlined />} onClick={downloadSvg} data-testid="chart-svg">{labels.svg}</Button>}
          </Space>
        )}
      </div>
      <ReactEChartsCore
        ref={ref}
        echarts={echarts}
        option={option}
        theme={dark ? 'luchuang-dark' : 'luchuang'}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={onClick ? { click: onClick } : undefined}
      />
      {note && <figcaption style={{ fontSize: 12, color: dark ? '#9fb3d1' : 'rgba(0, 0, 0, 0.6)' }}>{note}</figcaption>}
      {showTable && (
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          columns={table.columns.map((c) => ({ key: c.key, dataIndex: c.key, title: c.title, align: c.align }))}
          dataSource={table.rows}
        />
      )}
    </figure>
  );
}

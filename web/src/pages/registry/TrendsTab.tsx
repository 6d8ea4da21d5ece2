// 趋势: revenue, R&D expense with R&D intensity, and staff across the fiscal years on file.
import { Col, Empty, Row } from 'antd';
import { SvgChart } from '../../components/SvgChart';
import { FEN_PER_WAN, FEN_PER_YI } from './format';
import { useRegistryMessages } from './messages';
import type { YearFacts } from './types';

const COLORS = { primary: '#1558d6', secondary: '#13a8a8', line: '#fa8c16' };
const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const persons = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function num(value: number | boolean | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

export function TrendsTab({ years }: { years: YearFacts[] }) {
  const { t } = useRegistryMessages();
  const ordered = [...years].sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (!ordered.length) return <Empty description={t('trend.empty')} />;

  const categories = ordered.map((y) => t('fiscalYear', { year: y.fiscalYear }));
  const revenue = ordered.map((y) => num(y.facts.revenue));
  const rd = ordered.map((y) => num(y.facts.rdExpense));
  const intensity = ordered.map((_y, i) => {
    const r = revenue[i];
    const d = rd[i];
    return r && d !== null && r > 0 ? Math.round((d / r) * 1000) / 10 : null;
  });

  // 亿元 once any amount of the chart reaches one hundred million, 万元 below.
  const scale = (values: (number | null)[]) => {
    const useYi = values.some((v) => v !== null && Math.abs(v) >= FEN_PER_YI);
    return { divisor: useYi ? FEN_PER_YI : FEN_PER_WAN, useYi };
  };
  const revenueScale = scale(revenue);
  const rdScale = scale(rd);
  const labels = { showTable: t('trend.showTable'), hideTable: t('trend.hideTable'), category: t('facts.year') };
  const note = t('trend.legendNote');

  return (
    <div data-testid="trends-tab">
      <Row gutter={[32, 32]}>
        <Col xs={24} xl={12}>
          <SvgChart
            testId="chart-revenue"
            title={t('trend.revenue')}
            unit={revenueScale.useYi ? t('trend.unitYi') : t('trend.unitWan')}
            categories={categories}
            labels={labels}
            note={note}
            series={[
              {
                name: t('trend.revenue'),
                type: 'bar',
                color: COLORS.primary,
                values: revenue.map((v) => (v === null ? null : v / revenueScale.divisor)),
                format: (v) => amount.format(v),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <SvgChart
            testId="chart-rd"
            title={t('trend.rd')}
            unit={rdScale.useYi ? t('trend.unitYiPct') : t('trend.unitWanPct')}
            categories={categories}
            labels={labels}
            note={note}
            series={[
              {
                name: t('trend.rdExpense'),
                type: 'bar',
                color: COLORS.secondary,
                values: rd.map((v) => (v === null ? null : v / rdScale.divisor)),
                format: (v) => amount.format(v),
              },
              { name: t('trend.rdIntensity'), type: 'line', axis: 'right', color: COLORS.line, values: intensity, format: (v) => `${v.toFixed(1)}%` },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <SvgChart
            testId="chart-staff"
            title={t('trend.staff')}
            unit={t('trend.unitPerson')}
            categories={categories}
            labels={labels}
            note={note}
            series={[
              { name: t('trend.employees'), type: 'bar', color: COLORS.primary, values: ordered.map((y) => num(y.facts.employees)), format: (v) => persons.format(v) },
              { name: t('trend.stStaff'), type: 'bar', color: COLORS.secondary, values: ordered.map((y) => num(y.facts.stStaff)), format: (v) => persons.format(v) },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}

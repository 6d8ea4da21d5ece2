// 技术合同与飞地: yearly statistics of registered technology contracts, and the innovation
// enclaves with their projects beside the letter's figure of projects landed.
import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { SvgChart } from '../../components/SvgChart';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { named, useMarketMessages, wan } from './messages';

interface YearStat { year: number; count: number; valueFen: number; syntheticCount: number; byType: Record<string, { count: number; valueFen: number }> }
interface Project { id: string; name: string; field: string; stage: string; contestRef: string | null; synthetic: boolean }
interface Enclave { id: string; name: string; location: string; synthetic: boolean; projects: Project[] }
interface Letter { zh: string; en: string; value: number; unit: string; period: string; source: string }

export default function ContractsPage() {
  const { t, locale } = useMarketMessages();
  usePageTitle('nav.market');
  const stats = useApiGet<{ years: YearStat[] }>('/api/market/contracts/stats', {}, 'stats');
  const enclaves = useApiGet<{ items: Enclave[]; landed: number; letter: Letter }>('/api/market/enclaves', {}, 'enclaves');
  const years = stats.data?.years ?? [];
  const letter = enclaves.data?.letter;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('contracts.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('contracts.subtitle')}</Typography.Text>
      </Card>
      <LoadError error={stats.error} onRetry={stats.reload} />
      <Card>
        {years.length > 0 && (
          <SvgChart
            title={t('contracts.chart')} unit={locale === 'zh-CN' ? '单位：万元' : 'Unit: ¥10k'} categories={years.map((y) => String(y.year))}
            series={[{ name: t('contracts.value'), type: 'bar', values: years.map((y) => y.valueFen / 1_000_000), color: '#1558d6' }]}
            labels={{ showTable: locale === 'zh-CN' ? '查看数据表' : 'Show table', hideTable: locale === 'zh-CN' ? '收起数据表' : 'Hide table', category: t('contracts.year') }} testId="contracts-chart"
          />
        )}
        <Table<YearStat>
          data-testid="contracts-table" rowKey="year" dataSource={years} pagination={false} loading={stats.loading} style={{ marginTop: 16 }}
          columns={[
            { title: t('contracts.year'), dataIndex: 'year', render: (v: number, y) => <span>{locale === 'zh-CN' ? `${v}年度` : `FY${v}`}{y.syntheticCount > 0 && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
            { title: t('contracts.count'), dataIndex: 'count', align: 'right' },
            { title: t('contracts.value'), dataIndex: 'valueFen', align: 'right', render: (v: number) => wan(v) },
            { title: t('contracts.byType'), render: (_v, y) => Object.entries(y.byType).map(([k, s]) => <Tag key={k}>{t(`type.${k}` as never)} {s.count}</Tag>) },
          ]}
        />
      </Card>
      <Card title={t('enclaves.title')}>
        {letter && (
          <Typography.Paragraph>
            <Tooltip title={letter.source}><Typography.Text underline data-testid="enclave-letter">{t('enclaves.letter', { label: named(letter, locale), value: letter.value, unit: letter.unit, period: letter.period })}</Typography.Text></Tooltip>
            <br />{t('enclaves.platform', { n: enclaves.data?.landed ?? 0 })}
          </Typography.Paragraph>
        )}
        <Table<Project & { enclave: string }>
          rowKey="id" size="small" pagination={false} loading={enclaves.loading}
          dataSource={(enclaves.data?.items ?? []).flatMap((e) => e.projects.map((p) => ({ ...p, enclave: `${e.name}（${e.location}）` })))}
          columns={[
            { title: t('enclaves.title'), dataIndex: 'enclave', width: 260 },
            { title: t('enclaves.project'), dataIndex: 'name', render: (v: string, p) => <span>{v}{p.synthetic && <Tag color="orange" style={{ marginLeft: 6 }}>{t('synthetic')}</Tag>}</span> },
            { title: t('field'), dataIndex: 'field', render: (v: string) => t(`fieldName.${v}` as never) },
            { title: t('enclaves.stage'), dataIndex: 'stage', render: (v: string) => <Tag color={v === 'landed' ? 'green' : undefined}>{t(`stage.${v}` as never)}</Tag> },
            { title: t('enclaves.contest'), dataIndex: 'contestRef', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}

// 后备库: a tier's reserve pool — organisations that do not hold the tier and miss it only by
// numeric criteria — with the gap sentences in the UI language. Filters and paging live in
// the URL; the evaluation date comes along from the funnel page (latest when absent).
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Col, Empty, Form, Result, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useUrlList } from '../../components/useUrlList';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { DistrictIndustryFields, FilterButtons } from './FilterFields';
import { isTier, useCultivationMessages } from './messages';
import { carryQuery, formatCount, type ReserveItem, type ReservePage as ReserveData } from './types';

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_MAX_GAPS = '2';
const GAP_CHOICES = ['1', '2', '3', '4', '5'];

interface FormValues {
  district?: string;
  industry?: string;
  chain?: string;
  maxGaps?: string;
}

interface Filters {
  asOf: string;
  district: string;
  industry: string;
  chain: string;
  /** '' for the default, which stays out of the URL (the API's default is the same). */
  maxGaps: string;
}

function parseFilters(params: URLSearchParams): Filters {
  const maxGaps = params.get('maxGaps') ?? '';
  return {
    asOf: params.get('asOf') ?? '',
    district: params.get('district') ?? '',
    industry: params.get('industry') ?? '',
    chain: params.get('chain') ?? '',
    maxGaps: GAP_CHOICES.includes(maxGaps) && maxGaps !== DEFAULT_MAX_GAPS ? maxGaps : '',
  };
}

/** A district officer's list is their own district's: the URL's district is not used. */
function parseOfficerFilters(params: URLSearchParams): Filters {
  return { ...parseFilters(params), district: '' };
}

export default function ReservePage() {
  const { ruleset = '' } = useParams();
  const known = isTier(ruleset);
  const { t: c } = useCultivationMessages();
  const tier = known ? c(`tier.${ruleset}`) : ruleset;
  usePageTitle('nav.cultivation');
  useBreadcrumbTrail([{ title: c('reserve.crumb', { tier }) }]);
  if (!known) {
    return (
      <Result
        status="404"
        title={c('reserve.unknownTier', { ruleset })}
        extra={
          <Link to="/cultivation">
            <Button icon={<ArrowLeftOutlined />}>{c('reserve.back')}</Button>
          </Link>
        }
      />
    );
  }
  return <ReservePool ruleset={ruleset} tier={tier} />;
}

function ReservePool({ ruleset, tier }: { ruleset: string; tier: string }) {
  const { t } = useI18n();
  const { t: c, locale } = useCultivationMessages();
  const en = locale === 'en-US';
  const user = useCurrentUser();
  const officer = user.role === 'district_officer';
  const [params] = useSearchParams();
  const { filters, data, loading, error, pagination, setQuery, reload } = useUrlList<ReserveItem, Filters, ReserveData>(
    '/api/cultivation/reserve',
    officer ? parseOfficerFilters : parseFilters,
    { ruleset },
  );
  const { district, industry, chain } = filters;
  const maxGaps = filters.maxGaps || DEFAULT_MAX_GAPS;
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  async function onExport() {
    setExporting(true);
    try {
      await api.download('/api/cultivation/reserve.xlsx', { ruleset, asOf: filters.asOf, district, industry, chain, maxGaps }, `reserve-${ruleset}.xlsx`);
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setExporting(false);
    }
  }

  useEffect(() => {
    form.setFieldsValue({ district: district || undefined, industry, chain: chain || undefined, maxGaps });
  }, [filters, form]);

  function onSearch(values: FormValues) {
    const gaps = values.maxGaps ?? DEFAULT_MAX_GAPS;
    setQuery({ district: values.district ?? '', industry: values.industry?.trim().toUpperCase() ?? '', chain: values.chain ?? '', maxGaps: gaps === DEFAULT_MAX_GAPS ? '' : gaps, page: 1 });
  }

  function onReset() {
    form.resetFields();
    // The evaluation date is the funnel's choice, not a filter of this page: it stays.
    setQuery({ district: '', industry: '', chain: '', maxGaps: '', page: 1, pageSize: DEFAULT_PAGE_SIZE });
  }

  const columns: TableColumnsType<ReserveItem> = [
    {
      title: c('reserve.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 250,
      render: (name: string, item) => (
        <Link to={`/registry/${encodeURIComponent(item.uscc)}?tab=health${data?.asOf ? `&asOf=${data.asOf}` : ''}`} data-testid="reserve-org-link">
          {name}
        </Link>
      ),
    },
    {
      title: c('reserve.uscc'),
      dataIndex: 'uscc',
      width: 215,
      render: (uscc: string) => (
        <Typography.Text className="lc-mono" copyable={{ tooltips: [c('copy'), c('copied')] }}>
          {uscc}
        </Typography.Text>
      ),
    },
    { title: c('reserve.district'), dataIndex: 'district', width: en ? 140 : 80, render: (d: string) => districtLabel(t, d) },
    {
      title: c('reserve.industry'),
      dataIndex: 'industryCode',
      width: en ? 120 : 90,
      render: (code: string | null) => (code ? <span className="lc-mono">{code}</span> : t('common.none')),
    },
    {
      title: c('reserve.gapCount'),
      dataIndex: 'gapCount',
      width: en ? 70 : 80,
      align: 'center',
      render: (n: number) => <Tag color={n <= 1 ? 'orange' : 'default'}>{n}</Tag>,
    },
    {
      title: c('reserve.gaps'),
      dataIndex: 'gaps',
      render: (gaps: ReserveItem['gaps']) => (
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="reserve-gaps">
          {gaps.map((gap) => (
            <li key={gap.criterion}>
              <span className="lc-mono" style={{ color: 'rgba(0, 0, 0, 0.6)', fontSize: 12, marginRight: 6 }}>
                {gap.criterion}
              </span>
              {en ? gap.text.en : gap.text.zh}
            </li>
          ))}
        </ul>
      ),
    },
  ];

  const filtered = Boolean(district || industry || chain || maxGaps !== DEFAULT_MAX_GAPS);
  const emptyText = loading ? ' ' : data && data.asOf === null ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c('reserve.emptyNone')}>
      <Link to="/cultivation">
        <Button>{c('reserve.back')}</Button>
      </Link>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c('reserve.empty')}>
      {filtered && <Button onClick={onReset}>{t('common.reset')}</Button>}
    </Empty>
  );

  const labelCol = { flex: en ? '120px' : '110px' };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Form<FormValues> form={form} onFinish={onSearch} labelCol={labelCol} labelWrap data-testid="reserve-filters">
          <Row gutter={24}>
            <DistrictIndustryFields />
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="maxGaps" label={c('filter.maxGaps')} style={{ marginBottom: 0 }}>
                <Select options={GAP_CHOICES.map((n) => ({ value: n, label: c('filter.gapsOption', { n }) }))} data-testid="reserve-maxgaps" />
              </Form.Item>
            </Col>
            <FilterButtons xl={6} onReset={onReset} />
          </Row>
        </Form>
      </Card>
      <Card
        title={
          <Space size={12} wrap>
            <span data-testid="reserve-title">{c('reserve.title', { tier })}</span>
            {data?.asOf && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                {c('funnel.asOf', { asOf: data.asOf })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} disabled={!data?.total} data-testid="reserve-export">
              {c('reserve.export')}
            </Button>
            <Link to={`/cultivation${carryQuery(params)}`}>
              <Button icon={<ArrowLeftOutlined />}>{c('reserve.back')}</Button>
            </Link>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {c('reserve.subtitle')}
        </Typography.Paragraph>
        <LoadError error={error} onRetry={reload} />
        <Table<ReserveItem>
          rowKey="uscc"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText }}
          data-testid="reserve-table"
          pagination={{ ...pagination, showTotal: (total) => t('common.total', { total: formatCount(total) }) }}
        />
      </Card>
    </Space>
  );
}

// 企业档案 list: filters, sort and paging live in the URL (useUrlList); the revenue and staff
// bands are written as the API's revenueMin/revenueMax (fen) and staffMin/staffMax.
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  App, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType, type TableProps,
} from 'antd';
import { CloudUploadOutlined, DownloadOutlined, DownOutlined, FileExcelOutlined, PlusOutlined, UpOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { DISTRICTS } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useUrlList } from '../../components/useUrlList';
import { districtLabel } from '../../format';
import { useI18n, usePageTitle } from '../../i18n';
import { formatInteger, formatYuan, FEN_PER_WAN } from './format';
import { useRegistryMessages, type RegistryMessageKey } from './messages';
import { OrgFormModal } from './OrgFormModal';
import { QualificationTags, SyntheticTag } from './tags';
import { ORG_KINDS, QUALIFICATION_KINDS, type OrgListItem } from './types';

const FILTER_KEYS = [
  'q', 'kind', 'district', 'industry', 'qualification', 'year', 'revenueMin', 'revenueMax', 'staffMin', 'staffMax', 'synthetic', 'sort', 'order',
] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

function parseFilters(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Filters;
}

interface Band {
  key: string;
  labelKey: RegistryMessageKey;
  min: number | null;
  max: number | null;
}

// 万元 bands in fen; the upper bound is inclusive on the server, hence "− 1".
const WAN = FEN_PER_WAN;
const REVENUE_BANDS: Band[] = [
  { key: 'lt500', labelKey: 'band.rev.lt500', min: null, max: 500 * WAN - 1 },
  { key: '500to2000', labelKey: 'band.rev.500to2000', min: 500 * WAN, max: 2000 * WAN - 1 },
  { key: '2000to1e4', labelKey: 'band.rev.2000to1e4', min: 2000 * WAN, max: 10_000 * WAN - 1 },
  { key: '1e4to4e4', labelKey: 'band.rev.1e4to4e4', min: 10_000 * WAN, max: 40_000 * WAN - 1 },
  { key: 'ge4e4', labelKey: 'band.rev.ge4e4', min: 40_000 * WAN, max: null },
];
const STAFF_BANDS: Band[] = [
  { key: 'lt50', labelKey: 'band.staff.lt50', min: null, max: 49 },
  { key: '50to300', labelKey: 'band.staff.50to300', min: 50, max: 299 },
  { key: '300to1000', labelKey: 'band.staff.300to1000', min: 300, max: 999 },
  { key: 'ge1000', labelKey: 'band.staff.ge1000', min: 1000, max: null },
];

function bandOf(bands: Band[], min: string, max: string): string | undefined {
  return bands.find((band) => String(band.min ?? '') === min && String(band.max ?? '') === max)?.key;
}

function bandRange(bands: Band[], key: string | undefined): [string, string] {
  const band = bands.find((b) => b.key === key);
  return band ? [band.min === null ? '' : String(band.min), band.max === null ? '' : String(band.max)] : ['', ''];
}

interface FormValues {
  q?: string;
  kind?: string;
  district?: string;
  industry?: string;
  qualification?: string;
  year?: string;
  revenueBand?: string;
  staffBand?: string;
  synthetic?: string;
}

const SORTABLE = ['name', 'revenue', 'employees', 'registeredOn', 'relevance'] as const;
const MORE_FILTERS: (keyof Filters)[] = ['industry', 'qualification', 'year', 'revenueMin', 'revenueMax', 'staffMin', 'staffMax', 'synthetic'];

export default function OrgListPage() {
  const { t } = useI18n();
  const { t: r, locale } = useRegistryMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  usePageTitle('nav.registry');

  const { filters, data, loading, error, pagination, setQuery, reset, reload } = useUrlList<OrgListItem, Filters>('/api/orgs', parseFilters);
  const filtered = FILTER_KEYS.some((key) => key !== 'sort' && key !== 'order' && filters[key]);
  const districtOfficer = user.role === 'district_officer';

  const [form] = Form.useForm<FormValues>();
  const [moreOpen, setMoreOpen] = useState(() => MORE_FILTERS.some((key) => filters[key]));
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    form.setFieldsValue({
      q: filters.q,
      kind: filters.kind || undefined,
      district: filters.district || undefined,
      industry: filters.industry,
      qualification: filters.qualification || undefined,
      year: filters.year || undefined,
      revenueBand: bandOf(REVENUE_BANDS, filters.revenueMin, filters.revenueMax),
      staffBand: bandOf(STAFF_BANDS, filters.staffMin, filters.staffMax),
      synthetic: filters.synthetic || undefined,
    });
  }, [filters, form]);

  const years = useMemo(() => {
    const latest = new Date().getFullYear() - 1;
    return Array.from({ length: 8 }, (_, i) => String(latest - i));
  }, []);

  function onSearch(values: FormValues) {
    const [revenueMin, revenueMax] = bandRange(REVENUE_BANDS, values.revenueBand);
    const [staffMin, staffMax] = bandRange(STAFF_BANDS, values.staffBand);
    const q = values.q?.trim() ?? '';
    setQuery({
      q,
      kind: values.kind ?? '',
      district: values.district ?? '',
      industry: values.industry?.trim().toUpperCase() ?? '',
      qualification: values.qualification ?? '',
      year: values.year ?? '',
      revenueMin,
      revenueMax,
      staffMin,
      staffMax,
      synthetic: values.synthetic ?? '',
      // A new search sorts by relevance again unless another order was chosen for it.
      ...(q !== filters.q && filters.sort === 'relevance' ? { sort: '', order: '' } : {}),
      page: 1,
    });
  }

  function onReset() {
    form.resetFields();
    reset();
  }

  async function onExport() {
    setExporting(true);
    try {
      await api.download('/api/orgs/export.xlsx', filters, 'organisations.xlsx');
    } catch (caught) {
      message.error(`${r('list.exportFailed')}：${caught instanceof ApiError ? caught.detail : String(caught)}`);
    } finally {
      setExporting(false);
    }
  }

  async function onTemplate() {
    try {
      await api.download('/api/orgs/template.xlsx', undefined, 'organisations-template.xlsx');
    } catch (caught) {
      message.error(caught instanceof ApiError ? caught.detail : String(caught));
    }
  }

  // The server sorts by relevance while searching, by name otherwise, unless told.
  const activeSort = filters.sort || (filters.q ? 'relevance' : 'name');
  const activeOrder = filters.order || (activeSort === 'name' ? 'asc' : 'desc');
  const sortOrderOf = (key: string) => (activeSort === key ? (activeOrder === 'asc' ? 'ascend' : 'descend') : null);

  const onTableChange: TableProps<OrgListItem>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = String(sorter.columnKey ?? '');
    if (!sorter.order || !(SORTABLE as readonly string[]).includes(key)) {
      setQuery({ sort: '', order: '', page: 1 });
      return;
    }
    setQuery({ sort: key, order: sorter.order === 'ascend' ? 'asc' : 'desc', page: 1 });
  };

  const columns: TableColumnsType<OrgListItem> = [
    {
      title: r('list.name'),
      key: 'name',
      dataIndex: 'name',
      fixed: 'left',
      width: 280,
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, org) => (
        <Space size={4} wrap>
          <Link to={`/registry/${encodeURIComponent(org.uscc)}`} data-testid="org-link">
            {name}
          </Link>
          {org.synthetic && <SyntheticTag />}
          {org.listed && <Tag color="gold">{r('listed')}</Tag>}
        </Space>
      ),
    },
    {
      title: r('list.uscc'),
      dataIndex: 'uscc',
      width: 210,
      render: (uscc: string) => (
        <Typography.Text className="lc-mono" copyable={{ tooltips: [r('copy'), r('copied')] }}>
          {uscc}
        </Typography.Text>
      ),
    },
    { title: r('list.kind'), dataIndex: 'kind', width: 110, render: (kind: OrgListItem['kind']) => r(`kind.${kind}`) },
    { title: r('list.district'), dataIndex: 'district', width: en ? 140 : 80, render: (district: string) => districtLabel(t, district) },
    {
      title: r('list.industry'),
      dataIndex: 'industryCode',
      width: en ? 120 : 90,
      render: (code: string | null) => (code ? <span className="lc-mono">{code}</span> : t('common.none')),
    },
    {
      title: r('list.revenueCol'),
      key: 'revenue',
      dataIndex: 'revenue',
      width: 170,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf('revenue'),
      render: (revenue: number | null, org) =>
        revenue === null ? (
          t('common.none')
        ) : (
          <Tooltip title={org.fiscalYear ? r('list.revenueYear', { year: org.fiscalYear }) : undefined}>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatYuan(revenue)}</span>
          </Tooltip>
        ),
    },
    {
      title: r('list.employees'),
      key: 'employees',
      dataIndex: 'employees',
      width: en ? 130 : 100,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf('employees'),
      render: (value: number | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatInteger(value)}</span>,
    },
    {
      title: r('list.qualifications'),
      dataIndex: 'qualifications',
      width: 200,
      render: (kinds: OrgListItem['qualifications']) => (kinds.length ? <QualificationTags kinds={kinds} /> : t('common.none')),
    },
    {
      title: r('list.registeredOn'),
      key: 'registeredOn',
      dataIndex: 'registeredOn',
      width: 130,
      sorter: true,
      sortOrder: sortOrderOf('registeredOn'),
      render: (value: string | null) => value ?? t('common.none'),
    },
  ];
  if (filters.q) {
    columns.push({
      title: r('list.relevance'),
      key: 'relevance',
      dataIndex: 'score',
      width: 110,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf('relevance'),
      render: (score: number | null) => (score === null ? t('common.none') : score.toFixed(2)),
    });
  }

  const emptyText = filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r('list.emptyFiltered')}>
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r('list.empty')}>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={onTemplate}>
          {r('list.template')}
        </Button>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => navigate('/registry/import')}>
          {r('list.import')}
        </Button>
      </Space>
    </Empty>
  );

  const labelCol = { flex: en ? '124px' : '96px' };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Form<FormValues> form={form} onFinish={onSearch} labelCol={labelCol} labelWrap data-testid="org-filters">
          <Row gutter={24}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="q" label={r('list.keyword')}>
                <Input.Search allowClear placeholder={r('list.keywordHint')} onSearch={() => form.submit()} data-testid="org-search" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="kind" label={r('list.kind')}>
                <Select allowClear placeholder={t('common.all')} options={ORG_KINDS.map((kind) => ({ value: kind, label: r(`kind.${kind}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              {districtOfficer ? (
                <Form.Item label={r('list.district')}>
                  <Input disabled value={districtLabel(t, user.district)} />
                </Form.Item>
              ) : (
                <Form.Item name="district" label={r('list.district')}>
                  <Select
                    allowClear
                    placeholder={t('common.all')}
                    options={DISTRICTS.map((district) => ({ value: district, label: districtLabel(t, district) }))}
                  />
                </Form.Item>
              )}
            </Col>
            {moreOpen && (
              <>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="industry" label={r('list.industry')}>
                    <Input allowClear className="lc-mono" maxLength={5} placeholder={r('list.industryHint')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="qualification" label={r('list.qualification')}>
                    <Select
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('common.all')}
                      options={QUALIFICATION_KINDS.map((kind) => ({ value: kind, label: r(`qual.${kind}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="year" label={r('list.year')}>
                    <Select allowClear placeholder={r('list.yearHint')} options={years.map((year) => ({ value: year, label: r('fiscalYear', { year }) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="revenueBand" label={r('list.revenue')}>
                    <Select allowClear placeholder={t('common.all')} options={REVENUE_BANDS.map((band) => ({ value: band.key, label: r(band.labelKey) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="staffBand" label={r('list.staff')}>
                    <Select allowClear placeholder={t('common.all')} options={STAFF_BANDS.map((band) => ({ value: band.key, label: r(band.labelKey) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="synthetic" label={r('list.syntheticOnly')}>
                    <Select
                      allowClear
                      placeholder={r('list.syntheticAll')}
                      options={[
                        { value: 'true', label: r('list.syntheticYes') },
                        { value: 'false', label: r('list.syntheticNo') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Row justify="end">
            <Space>
              <Button type="link" onClick={() => setMoreOpen((open) => !open)} icon={moreOpen ? <UpOutlined /> : <DownOutlined />} iconPosition="end">
                {moreOpen ? t('common.lessFilters') : t('common.moreFilters')}
              </Button>
              <Button onClick={onReset}>{t('common.reset')}</Button>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
            </Space>
          </Row>
        </Form>
      </Card>
      <Card
        title={r('list.title')}
        extra={
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
              {r('list.create')}
            </Button>
            <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/registry/import')}>
              {r('list.import')}
            </Button>
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={onExport}>
              {r('list.export')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={onTemplate}>
              {r('list.template')}
            </Button>
          </Space>
        }
      >
        <LoadError error={error} onRetry={reload} />
        <Table<OrgListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: (filters.q ? 1460 : 1350) + (en ? 120 : 0) }}
          locale={{ emptyText: loading ? ' ' : emptyText }}
          pagination={pagination}
          onChange={onTableChange}
          showSorterTooltip={false}
          data-testid="org-table"
        />
      </Card>
      <OrgFormModal
        open={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onSaved={(org) => {
          setCreating(false);
          message.success(r('form.created', { name: org.name }));
          navigate(`/registry/${encodeURIComponent(org.uscc)}`);
        }}
      />
    </Space>
  );
}

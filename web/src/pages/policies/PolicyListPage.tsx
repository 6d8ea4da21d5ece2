// 政策库: search the library in Chinese full text; the filters live in the URL.
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { BarChartOutlined, BellOutlined, CalculatorOutlined, GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { usePolicyMessages } from './messages';
import type { PolicyListItem } from './types';

const LEVELS = ['national', 'provincial', 'city', 'district'] as const;
const STATUSES = ['published', 'draft', 'repealed'] as const;
const STATUS_COLOR = { published: 'green', draft: 'orange', repealed: 'default' } as const;

export default function PolicyListPage() {
  const { t } = usePolicyMessages();
  usePageTitle('nav.policies');
  // Also the public portal's page (/public/policies): no session, published policies only.
  const { user } = useAuth();
  const base = useLocation().pathname.startsWith('/public') ? '/public/policies' : '/policies';
  const staff = user?.role === 'bureau_admin' || user?.role === 'district_officer';
  const [params, setParams] = useSearchParams();
  const query = { q: params.get('q') ?? '', level: params.get('level') ?? '', status: params.get('status') ?? '', page: params.get('page') ?? '1', pageSize: 20 };
  const { data, loading, error, reload } = useApiGet<{ total: number; items: PolicyListItem[] }>('/api/policies', query, params.toString());
  const [form] = Form.useForm();

  const columns: TableColumnsType<PolicyListItem> = [
    {
      title: t('col.title'), dataIndex: 'title', fixed: 'left', width: 420,
      render: (_v, p) => (
        <div>
          <Link to={`${base}/${p.slug}`} data-testid="policy-link">{p.title}</Link>
          {p.snippet && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 12 }}>{p.snippet}</Typography.Paragraph>}
        </div>
      ),
    },
    { title: t('col.docNo'), dataIndex: 'docNo', width: 220, render: (v: string | null) => v ?? '—' },
    { title: t('col.issuer'), dataIndex: 'issuer', width: 200 },
    { title: t('col.level'), dataIndex: 'level', width: 90, render: (v: (typeof LEVELS)[number]) => <Tag>{t(`level.${v}`)}</Tag> },
    { title: t('col.status'), dataIndex: 'status', width: 90, render: (v: (typeof STATUSES)[number]) => <Tag color={STATUS_COLOR[v]}>{t(`status.${v}`)}</Tag> },
    { title: t('col.effective'), dataIndex: 'effectiveFrom', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('col.benefits'), dataIndex: 'benefits', width: 90, align: 'right' },
  ];

  const submit = (v: { q?: string; level?: string; status?: string }) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.level) next.set('level', v.level);
    if (v.status) next.set('status', v.status);
    setParams(next);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('list.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('list.subtitle')}</Typography.Text>
          </div>
          <Space>
            {!user && <Link to="/login"><Button type="primary" icon={<CalculatorOutlined />}>{t('detail.signInToCalculate')}</Button></Link>}
            {user && user.role !== 'reviewer' && <Link to="/policies/calculator"><Button type="primary" icon={<CalculatorOutlined />}>{t('calc.title')}</Button></Link>}
            {user?.role === 'bureau_admin' && <Link to="/policies/auto-grants"><Button icon={<GiftOutlined />}>{t('grant.title')}</Button></Link>}
            {user?.role === 'bureau_admin' && base === '/policies' && <Link to="/policies/totals"><Button icon={<BarChartOutlined />} data-testid="policy-totals">{t('tot.open')}</Button></Link>}
            {user?.role === 'bureau_admin' && base === '/policies' && <Link to="/policies/new"><Button icon={<PlusOutlined />} data-testid="policy-new">{t('pe.new')}</Button></Link>}
            {user?.role === 'org_user' && base === '/policies' && <Link to="/policies/inbox"><Button icon={<BellOutlined />} data-testid="policy-inbox">{t('inbox.open')}</Button></Link>}
          </Space>
        </Space>
      </Card>
      <Card>
        <Form form={form} layout="inline" initialValues={query} onFinish={submit} data-testid="policy-filters">
          <Form.Item name="q" label={t('list.search')}><Input allowClear placeholder={t('list.searchHint')} style={{ width: 280 }} data-testid="policy-search" /></Form.Item>
          <Form.Item name="level" label={t('list.level')}>
            <Select allowClear style={{ width: 120 }} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
          {staff && base === '/policies' && (
            <Form.Item name="status" label={t('list.status')}>
              <Select allowClear style={{ width: 120 }} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            </Form.Item>
          )}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{t('list.query')}</Button>
              <Button onClick={() => { form.resetFields(); setParams(new URLSearchParams()); }}>{t('list.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <LoadError error={error} onRetry={reload} />{(
          <Table<PolicyListItem>
            data-testid="policy-table" rowKey="id" columns={columns} dataSource={data?.items ?? []} loading={loading} scroll={{ x: 1200 }}
            locale={{ emptyText: t('list.empty') }}
            pagination={{
              current: Number(query.page), pageSize: 20, total: data?.total ?? 0, showSizeChanger: false,
              onChange: (page) => { const next = new URLSearchParams(params); next.set('page', String(page)); setParams(next); },
            }}
          />
        )}
      </Card>
    </Space>
  );
}

import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Badge, Button, Card, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { DISTRICTS, ROLES, type ManagedUser, type Page } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { useI18n, usePageTitle } from '../../i18n';
import { districtLabel, formatDateTime, roleLabel } from '../../format';
import { UserFormModal } from './UserFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';

interface Filters {
  q: string;
  role: string;
  district: string;
}

const PAGE_SIZES = [10, 20, 50, 100];

function readNumber(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** User management: filters live in the URL (?q=&role=&district=&page=&pageSize=). */
export default function UsersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  usePageTitle('nav.users');

  const [params, setParams] = useSearchParams();
  const filters: Filters = { q: params.get('q') ?? '', role: params.get('role') ?? '', district: params.get('district') ?? '' };
  const page = readNumber(params.get('page'), 1);
  const pageSize = readNumber(params.get('pageSize'), 20);
  const filtered = Boolean(filters.q || filters.role || filters.district);

  const [form] = Form.useForm<Filters>();
  const [data, setData] = useState<Page<ManagedUser> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reloadCount, setReloadCount] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ManagedUser | null>(null);
  const [resetting, setResetting] = useState<ManagedUser | null>(null);

  const queryKey = params.toString();
  useEffect(() => {
    form.setFieldsValue({ q: filters.q, role: filters.role || undefined, district: filters.district || undefined } as Filters);
    let cancelled = false;
    setLoading(true);
    setError(null);
    api
      .get<Page<ManagedUser>>('/api/users', { ...filters, page, pageSize })
      .then((result) => {
        if (!cancelled) setData(result);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(caught instanceof ApiError ? caught.detail : String(caught));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
    // queryKey captures every input read from the URL.
  }, [queryKey, reloadCount]);

  function updateParams(next: Partial<Filters> & { page?: number; pageSize?: number }) {
    const merged = { ...filters, page, pageSize, ...next };
    const search = new URLSearchParams();
    if (merged.q) search.set('q', merged.q.trim());
    if (merged.role) search.set('role', merged.role);
    if (merged.district) search.set('district', merged.district);
    if (merged.page !== 1) search.set('page', String(merged.page));
    if (merged.pageSize !== 20) search.set('pageSize', String(merged.pageSize));
    setParams(search);
  }

  function onSearch(values: Filters) {
    updateParams({ q: values.q ?? '', role: values.role ?? '', district: values.district ?? '', page: 1 });
  }

  function onReset() {
    form.resetFields();
    setParams(new URLSearchParams());
  }

  const columns: TableColumnsType<ManagedUser> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      fixed: 'left',
      width: 160,
      render: (value: string, user) => (
        <Space size={4}>
          <span className="lc-mono">{value}</span>
          {user.id === me.id && <Tag>{t('users.self')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 170,
      render: (value: ManagedUser['role']) => <Tag color={value === 'bureau_admin' ? 'blue' : 'default'}>{roleLabel(t, value)}</Tag>,
    },
    { title: t('users.district'), dataIndex: 'district', width: 120, render: (value: string | null) => districtLabel(t, value) },
    {
      title: t('users.orgId'),
      dataIndex: 'orgId',
      width: 180,
      ellipsis: true,
      render: (value: string | null) => (value ? <span className="lc-mono">{value}</span> : t('common.none')),
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 100,
      render: (disabled: boolean) => <Badge status={disabled ? 'default' : 'success'} text={disabled ? t('users.disabled') : t('users.enabled')} />,
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 180,
      render: (value: string | null) => (value ? formatDateTime(value) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 180, render: (value: string) => formatDateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_value, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(user)}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(user)}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Form<Filters> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <Form.Item name="q" label={t('users.keyword')}>
            <Input allowClear placeholder={t('users.keywordHint')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 180 }}
              options={ROLES.map((value) => ({ value, label: roleLabel(t, value) }))}
            />
          </Form.Item>
          <Form.Item name="district" label={t('users.district')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 160 }}
              options={DISTRICTS.map((value) => ({ value, label: districtLabel(t, value) }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button onClick={onReset}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      >
        {error && (
          <Alert
            type="error"
            showIcon
            message={t('common.loadFailed')}
            description={error}
            action={<Button onClick={() => setReloadCount((n) => n + 1)}>{t('common.retry')}</Button>}
            style={{ marginBottom: 16 }}
          />
        )}
        <Table<ManagedUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1400 }}
          locale={{ emptyText: filtered ? t('users.emptyFiltered') : t('users.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) => updateParams({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
          }}
        />
      </Card>
      <UserFormModal
        open={creating || editing !== null}
        editing={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onSaved={(saved) => {
          message.success(editing ? t('users.updated', { name: saved.displayName }) : t('users.created', { name: saved.displayName }));
          setCreating(false);
          setEditing(null);
          setReloadCount((n) => n + 1);
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          if (resetting) message.success(t('users.resetDone', { name: resetting.displayName }));
          setResetting(null);
          setReloadCount((n) => n + 1);
        }}
      />
    </Space>
  );
}

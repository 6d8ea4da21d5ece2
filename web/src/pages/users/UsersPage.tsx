import { useEffect, useState } from 'react';
import { App, Badge, Button, Card, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DISTRICTS, ROLES, type ManagedUser } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { useI18n, usePageTitle } from '../../i18n';
import { districtLabel, formatDateTime, roleLabel } from '../../format';
import { UserFormModal } from './UserFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { useUrlList } from '../../components/useUrlList';
import { LoadError } from '../../components/LoadError';

interface Filters {
  q: string;
  role: string;
  district: string;
}

function parseFilters(params: URLSearchParams): Filters {
  return { q: params.get('q') ?? '', role: params.get('role') ?? '', district: params.get('district') ?? '' };
}

/** User management: filters live in the URL (?q=&role=&district=&page=&pageSize=). */
export default function UsersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  usePageTitle('nav.users');

  const { filters, data, loading, error, pagination, setQuery, reset, reload } = useUrlList<ManagedUser, Filters>('/api/users', parseFilters);
  const filtered = Boolean(filters.q || filters.role || filters.district);

  const [form] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ManagedUser | null>(null);
  const [resetting, setResetting] = useState<ManagedUser | null>(null);

  // Show the URL's filters in the form, also after back/forward navigation.
  useEffect(() => {
    form.setFieldsValue({ q: filters.q, role: filters.role || undefined, district: filters.district || undefined } as Filters);
  }, [filters, form]);

  function onSearch(values: Filters) {
    setQuery({ q: values.q?.trim() ?? '', role: values.role ?? '', district: values.district ?? '', page: 1 });
  }

  function onReset() {
    form.resetFields();
    reset();
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
        <LoadError error={error} onRetry={reload} />
        <Table<ManagedUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1400 }}
          locale={{ emptyText: filtered ? t('users.emptyFiltered') : t('users.empty') }}
          pagination={pagination}
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
          reload();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          if (resetting) message.success(t('users.resetDone', { name: resetting.displayName }));
          setResetting(null);
          reload();
        }}
      />
    </Space>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownOutlined, SafetyCertificateOutlined, UpOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import type { AuditEntry, AuditVerifyResult } from '../../api/types';
import { useI18n, usePageTitle, type MessageKey, type Translate } from '../../i18n';
import { formatDateTime } from '../../format';
import { useUrlList } from '../../components/useUrlList';
import { LoadError } from '../../components/LoadError';

const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.change_password',
] as const;

const FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null];
}

const DATE = 'YYYY-MM-DD';

function actionLabel(t: Translate, action: string): string {
  return (KNOWN_ACTIONS as readonly string[]).includes(action) ? t(`audit.action.${action}` as MessageKey) : action;
}

function parseFilters(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Filters;
}

function Json({ value, t }: { value: unknown; t: Translate }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  return <pre className="lc-json">{JSON.stringify(value, null, 2)}</pre>;
}

function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const { t } = useI18n();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable
        onClose={onClose}
        message={t('audit.verifyTitle')}
        description={t('audit.verifyOk', { checked: result.checked })}
        data-testid="verify-result"
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      closable
      onClose={onClose}
      message={t('audit.verifyTitle')}
      data-testid="verify-result"
      style={{ marginBottom: 16 }}
      description={
        <>
          <div style={{ marginBottom: 8 }}>{t('audit.verifyFailed', { checked: result.checked, count: result.problems.length })}</div>
          <Table
            size="small"
            rowKey={(problem) => `${problem.seq}-${problem.id ?? ''}-${problem.kind}`}
            pagination={result.problems.length > 10 ? { pageSize: 10 } : false}
            dataSource={result.problems}
            columns={[
              { title: t('audit.seq'), dataIndex: 'seq', width: 90, render: (seq: number, problem) => (seq > 0 ? seq : `id ${problem.id}`) },
              {
                title: t('audit.problemKind'),
                dataIndex: 'kind',
                width: 160,
                render: (kind: AuditVerifyResult['problems'][number]['kind']) => <Tag color="red">{t(`audit.kind.${kind}`)}</Tag>,
              },
              { title: t('audit.problemMessage'), dataIndex: 'message' },
            ]}
          />
        </>
      }
    />
  );
}

/** Audit log: filters live in the URL; each row expands to its before/after JSON. */
export default function AuditPage() {
  const { t } = useI18n();
  usePageTitle('nav.audit');
  const { filters, data, loading, error, pagination, setQuery, reset, reload } = useUrlList<AuditEntry, Filters>('/api/audit', parseFilters);
  const filtered = FILTER_KEYS.some((key) => filters[key]);

  const [form] = Form.useForm<FormValues>();
  const [moreFilters, setMoreFilters] = useState(Boolean(filters.entityType || filters.entityId));
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  // Show the URL's filters in the form, also after back/forward navigation.
  useEffect(() => {
    form.setFieldsValue({
      actor: filters.actor,
      action: filters.action || undefined,
      entityType: filters.entityType,
      entityId: filters.entityId,
      range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : undefined,
    });
  }, [filters, form]);

  function onSearch(values: FormValues) {
    const [from, to] = values.range ?? [null, null];
    setQuery({
      actor: values.actor?.trim() ?? '',
      action: values.action ?? '',
      entityType: values.entityType?.trim() ?? '',
      entityId: values.entityId?.trim() ?? '',
      from: from ? from.format(DATE) : '',
      to: to ? to.format(DATE) : '',
      page: 1,
    });
  }

  function onReset() {
    form.resetFields();
    reset();
  }

  async function onVerify() {
    setVerifying(true);
    setVerifyError(null);
    setVerifyResult(null);
    try {
      setVerifyResult(await api.get<AuditVerifyResult>('/api/audit/verify'));
    } catch (caught) {
      setVerifyError(caught instanceof ApiError ? caught.detail : String(caught));
    } finally {
      setVerifying(false);
    }
  }

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', fixed: 'left', width: 90, render: (seq: number | null) => seq ?? '—' },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (value: string) => formatDateTime(value) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      width: 140,
      render: (value: string | null) => (value ? <span className="lc-mono">{value}</span> : <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 240,
      render: (value: string) => (
        <Space size={6}>
          <Tag color={value.endsWith('_failed') ? 'red' : 'blue'}>{actionLabel(t, value)}</Tag>
          <Typography.Text type="secondary" className="lc-mono" style={{ fontSize: 12 }}>
            {value}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 120, render: (value: string) => <span className="lc-mono">{value}</span> },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      width: 200,
      ellipsis: true,
      render: (value: string | null) => (value ? <span className="lc-mono">{value}</span> : t('common.none')),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (value: string | null) => value ?? t('common.none') },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 200,
      ellipsis: true,
      render: (value: string | null) => (value ? <span className="lc-mono">{value}</span> : t('common.none')),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Form<FormValues> form={form} onFinish={onSearch} labelCol={{ flex: '96px' }} labelWrap>
          <Row gutter={24}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear placeholder={t('audit.actorHint')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="action" label={t('audit.action')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={KNOWN_ACTIONS.map((value) => ({ value, label: `${actionLabel(t, value)} (${value})` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {moreFilters && (
              <>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="entityType" label={t('audit.entityType')}>
                    <Input allowClear />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name="entityId" label={t('audit.entityId')}>
                    <Input allowClear className="lc-mono" />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button onClick={onReset}>{t('common.reset')}</Button>
            <Button type="link" onClick={() => setMoreFilters((value) => !value)} icon={moreFilters ? <UpOutlined /> : <DownOutlined />} iconPosition="end">
              {moreFilters ? t('common.lessFilters') : t('common.moreFilters')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card
        title={t('nav.audit')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={onVerify} data-testid="verify-chain">
            {t('audit.verify')}
          </Button>
        }
      >
        {verifyResult && <VerifyResult result={verifyResult} onClose={() => setVerifyResult(null)} />}
        {verifyError && <Alert type="error" showIcon closable message={t('audit.verifyTitle')} description={verifyError} style={{ marginBottom: 16 }} />}
        <LoadError error={error} onRetry={reload} />
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1300 }}
          locale={{ emptyText: filtered ? t('audit.emptyFiltered') : t('audit.empty') }}
          expandable={{
            expandedRowRender: (entry) => (
              <Row gutter={16}>
                <Col xs={24} lg={12}>
                  <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('audit.before')}</div>
                  <Json value={entry.before} t={t} />
                </Col>
                <Col xs={24} lg={12}>
                  <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('audit.after')}</div>
                  <Json value={entry.after} t={t} />
                </Col>
              </Row>
            ),
          }}
          pagination={pagination}
        />
      </Card>
    </Space>
  );
}

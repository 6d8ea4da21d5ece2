// An organisation's diagnoses: history (table and a line of total scores), and starting a new
// one — a self-assessment for the enterprise, an assessor-led one recorded by staff.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { EChart } from '../../components/EChart';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { formatDateTime } from '../../format';
import { bi, useDigitalMessages } from './messages';
import type { Diagnosis } from './types';

export default function DiagnosesPage() {
  const { t, locale } = useDigitalMessages();
  usePageTitle('nav.digital');
  useBreadcrumbTrail([{ title: t('tab.diagnoses') }]);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [ownUscc, setOwnUscc] = useState('');
  const [list, setList] = useState<Diagnosis[] | null>(null);
  const [versions, setVersions] = useState<{ key: string; title: { zh: string; en: string }; retired: boolean }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const isOrg = user.role === 'org_user';

  useEffect(() => {
    api.get<typeof versions>('/api/digital/questionnaires').then(setVersions).catch(() => undefined);
    if (isOrg) api.get<{ items: { uscc: string }[] }>('/api/orgs', { pageSize: 1 }).then((r) => r.items[0] && setOwnUscc(r.items[0].uscc)).catch(() => undefined);
  }, [isOrg]);

  const uscc = isOrg ? ownUscc : params.get('uscc') ?? '';
  const load = () => {
    if (!uscc) return;
    setError(null);
    api.get<Diagnosis[]>(`/api/orgs/${uscc}/diagnoses`).then(setList).catch((e: unknown) => setError(e instanceof ApiError ? e.detail : String(e)));
  };
  useEffect(load, [uscc]);

  const start = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const d = await api.post<Diagnosis>(`/api/orgs/${uscc}/diagnoses`, isOrg ? { version: v.version } : { version: v.version, assessorOrg: v.assessorOrg, assessorName: v.assessorName });
      navigate(`/digital/diagnoses/${d.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submitted = (list ?? []).filter((d) => d.status === 'submitted').slice().reverse();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>{t('diag.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('diag.subtitle')}</Typography.Text>
      </div>
      {!isOrg && (
        <Card size="small">
          <Form layout="inline" onFinish={(v: { uscc: string }) => setParams({ uscc: v.uscc.trim().toUpperCase() })} initialValues={{ uscc }}>
            <Form.Item name="uscc" label={t('diag.uscc')} rules={[{ required: true, len: 18 }]}><Input style={{ width: 240, fontFamily: 'monospace' }} /></Form.Item>
            <Button htmlType="submit" type="primary">{t('diag.open')}</Button>
          </Form>
        </Card>
      )}
      {error && <Alert type="error" showIcon message={error} />}
      {!uscc && !isOrg && <Empty description={t('diag.pickOrg')} />}
      {uscc && (
        <Card size="small">
          <Form form={form} layout="inline" initialValues={{ version: '2024-manufacturing' }}>
            <Form.Item name="version" label={t('diag.version')}>
              <Select style={{ width: 380 }} options={versions.filter((v) => !v.retired).map((v) => ({ value: v.key, label: bi(v.title, locale) }))} />
            </Form.Item>
            {!isOrg && <Form.Item name="assessorOrg" label={t('diag.assessorOrg')} rules={[{ required: true, min: 2 }]}><Input style={{ width: 200 }} /></Form.Item>}
            {!isOrg && <Form.Item name="assessorName" label={t('diag.assessorName')} rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>}
            <Button type="primary" loading={busy} onClick={start} data-testid="digital-new">{isOrg ? t('diag.newSelf') : t('diag.newAssessor')}</Button>
          </Form>
        </Card>
      )}
      {uscc && list && (
        <Card title={t('diag.history')} size="small">
          {list.length === 0 ? <Empty description={t('diag.empty')} /> : (
            <Table
              size="small" rowKey="id" pagination={false} dataSource={list}
              columns={[
                { title: t('col.date'), key: 'date', render: (_, d) => formatDateTime(d.submittedAt ?? d.updatedAt).slice(0, 10) },
                { title: t('col.version'), key: 'version', render: (_, d) => bi(d.versionTitle, locale) },
                { title: t('col.mode'), key: 'mode', render: (_, d) => (d.mode === 'self' ? t('mode.self') : `${t('mode.assessor')}（${d.assessorOrg}）`) },
                { title: t('col.status'), key: 'status', render: (_, d) => <Tag color={d.status === 'submitted' ? 'green' : 'gold'}>{t(`status.${d.status}`)}</Tag> },
                { title: t('col.total'), key: 'total', align: 'right', render: (_, d) => (d.totalScore ?? d.result?.total ?? '—') },
                { title: t('col.level'), key: 'level', render: (_, d) => (d.level ? t('level.n', { n: d.level }) : '—') },
                { title: t('col.actions'), key: 'a', render: (_, d) => <Link to={`/digital/diagnoses/${d.id}`}>{d.status === 'draft' ? t('diag.continue') : t('diag.view')}</Link> },
              ]}
            />
          )}
          {submitted.length > 1 && (
            <EChart
              title={t('diag.historyChart')} unit={t('r.radarUnit').startsWith('单位') ? '单位：分' : 'Unit: points'}
              labels={{ showTable: t('chart.table'), hideTable: t('chart.hideTable'), png: t('chart.png') }} height={220}
              option={{
                tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
                xAxis: { type: 'category', data: submitted.map((d) => (d.submittedAt ?? '').slice(0, 10)) },
                yAxis: { type: 'value', min: 0, max: 100 },
                series: [{ type: 'line', data: submitted.map((d) => d.totalScore), label: { show: true } }],
              }}
              table={{ columns: [{ key: 'date', title: t('col.date') }, { key: 'total', title: t('col.total'), align: 'right' }, { key: 'level', title: t('col.level') }],
                rows: submitted.map((d) => ({ date: (d.submittedAt ?? '').slice(0, 10), total: d.totalScore, level: d.level })) }}
            />
          )}
        </Card>
      )}
    </Space>
  );
}

// 政策编辑（科技局管理员）: add a policy with its first version, or change an existing one's text
// as a new version with its own effective date (POST /api/policies/:id/versions — the past is
// never edited), and publish or repeal it (PATCH /api/policies/:id).
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import { usePageTitle } from '../../i18n';
import { useBreadcrumbTrail } from '../../layout/breadcrumbs';
import { usePolicyMessages } from './messages';
import type { PolicyDetail } from './types';

const LEVELS = ['national', 'provincial', 'city', 'district'] as const;
interface Values {
  slug?: string; docNo?: string; title?: string; issuer?: string; level?: string; publishedOn?: dayjs.Dayjs | null; source?: string;
  chains?: string[]; tiers?: string[]; topics?: string[];
  effectiveFrom?: dayjs.Dayjs; expiresOn?: dayjs.Dayjs | null; summary?: string; changeNote?: string; clauses?: { no?: string; text?: string }[];
}

export default function PolicyEditorPage() {
  const { slug } = useParams();
  const isNew = !slug;
  const { t } = usePolicyMessages();
  const { message } = App.useApp();
  const navigate = useNavigate();
  usePageTitle('nav.policies');
  const [form] = Form.useForm<Values>();
  const [policy, setPolicy] = useState<PolicyDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useBreadcrumbTrail(isNew ? [{ title: t('pe.newTitle') }] : policy ? [{ title: policy.title, path: `/policies/${policy.slug}` }, { title: t('pe.versionTitle') }] : []);

  useEffect(() => {
    if (isNew) {
      form.setFieldsValue({ level: 'city', effectiveFrom: dayjs(), clauses: [{ no: '1', text: '' }], chains: [], tiers: [], topics: [] });
      return;
    }
    api.get<PolicyDetail>(`/api/policies/${encodeURIComponent(slug)}`).then((p) => {
      setPolicy(p);
      const latest = p.versions[0];
      form.setFieldsValue({
        effectiveFrom: latest && dayjs(latest.effectiveFrom).isAfter(dayjs()) ? dayjs(latest.effectiveFrom).add(1, 'day') : dayjs(),
        summary: latest?.summary ?? '', clauses: latest?.clauses.map((c) => ({ ...c })) ?? [{ no: '1', text: '' }],
      });
    }).catch((e: unknown) => setError(e instanceof ApiError ? e.detail : String(e)));
  }, [slug]);

  const version = (v: Values) => ({
    effectiveFrom: (v.effectiveFrom ?? dayjs()).format('YYYY-MM-DD'), expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
    summary: v.summary?.trim() || null, changeNote: v.changeNote?.trim() || null,
    clauses: (v.clauses ?? []).map((c) => ({ no: (c.no ?? '').trim(), text: (c.text ?? '').trim() })),
  });

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      if (isNew) {
        const p = await api.post<PolicyDetail>('/api/policies', {
          slug: v.slug?.trim(), docNo: v.docNo?.trim() || null, title: v.title?.trim(), issuer: v.issuer?.trim(), level: v.level,
          publishedOn: v.publishedOn ? v.publishedOn.format('YYYY-MM-DD') : null, source: v.source?.trim() || null,
          tags: { chains: v.chains ?? [], tiers: v.tiers ?? [], topics: v.topics ?? [] }, version: version(v),
        });
        message.success(t('pe.created'));
        navigate(`/policies/${p.slug}`);
      } else if (policy) {
        await api.post<PolicyDetail>(`/api/policies/${policy.id}/versions`, version(v));
        message.success(t('pe.versionAdded'));
        navigate(`/policies/${policy.slug}`);
      }
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };

  const setStatus = async (status: 'published' | 'repealed') => {
    if (!policy) return;
    try {
      setPolicy(await api.patch<PolicyDetail>(`/api/policies/${policy.id}`, { status }));
      message.success(t(status === 'published' ? 'pe.publishedOk' : 'pe.repealedOk'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };

  if (error) return <Alert type="error" message={error} />;
  if (!isNew && !policy) return <Spin />;
  const latest = policy?.versions[0];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{isNew ? t('pe.newTitle') : `${policy!.title} · ${t('pe.versionTitle')}`}</Typography.Title>
            <Typography.Text type="secondary">{isNew ? t('pe.newSubtitle') : t('pe.versionSubtitle', { n: latest?.versionNo ?? 0, from: latest?.effectiveFrom ?? '—' })}</Typography.Text>
          </div>
          {policy && (
            <Space>
              <Tag color={policy.status === 'published' ? 'green' : policy.status === 'draft' ? 'orange' : 'default'} data-testid="pe-status">{t(`status.${policy.status}`)}</Tag>
              {policy.status !== 'published' && <Popconfirm title={t('pe.publishConfirm')} onConfirm={() => setStatus('published')}><Button type="primary" data-testid="pe-publish">{t('pe.publish')}</Button></Popconfirm>}
              {policy.status === 'published' && <Popconfirm title={t('pe.repealConfirm')} onConfirm={() => setStatus('repealed')}><Button danger>{t('pe.repeal')}</Button></Popconfirm>}
              <Link to={`/policies/benefits/new?policy=${policy.id}`}><Button>{t('pe.addBenefit')}</Button></Link>
            </Space>
          )}
        </Space>
      </Card>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="policy-form">
        {isNew && (
          <Card title={t('pe.identity')} style={{ marginBottom: 16 }}>
            <Row gutter={12}>
              <Col xs={24} md={12}><Form.Item name="title" label={t('col.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="pe-title" /></Form.Item></Col>
              <Col xs={24} md={6}><Form.Item name="slug" label={t('pe.slug')} extra={t('pe.slugHint')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,79}$/, message: t('pe.slugHint') }]}><Input data-testid="pe-slug" /></Form.Item></Col>
              <Col xs={24} md={6}><Form.Item name="docNo" label={t('col.docNo')}><Input /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="issuer" label={t('col.issuer')} rules={[{ required: true, min: 2 }]}><Input data-testid="pe-issuer" /></Form.Item></Col>
              <Col xs={12} md={4}><Form.Item name="level" label={t('col.level')} rules={[{ required: true }]}><Select options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} /></Form.Item></Col>
              <Col xs={12} md={4}><Form.Item name="publishedOn" label={t('pe.publishedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="source" label={t('pe.source')}><Input /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="chains" label={t('pe.chains')}><Select mode="tags" /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="tiers" label={t('pe.tiers')}><Select mode="tags" /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="topics" label={t('pe.topics')}><Select mode="tags" /></Form.Item></Col>
            </Row>
          </Card>
        )}
        <Card title={isNew ? t('pe.firstVersion') : t('pe.newVersion', { n: (latest?.versionNo ?? 0) + 1 })}>
          <Row gutter={12}>
            <Col xs={12} md={6}><Form.Item name="effectiveFrom" label={t('pe.effectiveFrom')} rules={[{ required: true }]}><DatePicker allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="expiresOn" label={t('pe.expiresOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="changeNote" label={t('pe.changeNote')}><Input /></Form.Item></Col>
            <Col xs={24}><Form.Item name="summary" label={t('pe.summary')}><Input.TextArea rows={2} /></Form.Item></Col>
          </Row>
          <Typography.Title level={5}>{t('detail.clauses')}</Typography.Title>
          <Form.List name="clauses">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row gutter={8} key={field.key} align="top">
                    <Col flex="100px"><Form.Item name={[field.name, 'no']} rules={[{ required: true, message: t('pe.clauseNoRequired') }]}><Input placeholder={t('pe.clauseNo')} data-testid="pe-clause-no" /></Form.Item></Col>
                    <Col flex="auto"><Form.Item name={[field.name, 'text']} rules={[{ required: true, message: t('pe.clauseTextRequired') }]}><Input.TextArea rows={2} placeholder={t('pe.clauseText')} data-testid="pe-clause-text" /></Form.Item></Col>
                    <Col flex="40px"><Button type="text" icon={<DeleteOutlined />} aria-label={t('pe.removeClause')} disabled={fields.length <= 1} onClick={() => remove(field.name)} /></Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ no: String(fields.length + 1), text: '' })}>{t('pe.addClause')}</Button>
              </>
            )}
          </Form.List>
          <div style={{ marginTop: 16 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="pe-save">{isNew ? t('pe.create') : t('pe.addVersion')}</Button>
              <Link to={policy ? `/policies/${policy.slug}` : '/policies'}><Button>{t('pe.cancel')}</Button></Link>
            </Space>
          </div>
        </Card>
      </Form>
    </Space>
  );
}

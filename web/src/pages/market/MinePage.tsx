// 发布与匹配: an organisation (or staff for one) posts a technology demand and opens its matches.
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { FIELDS, named, useMarketMessages } from './messages';
import type { Achievement, Demand } from './types';

interface LinkOption { id: string; chain: { zh: string; en: string }; name: { zh: string; en: string } }
interface FormValues { chainLinkId?: string; orgUscc?: string; problem: string; goals?: string; field: string; trlMin: number; budgetWan?: number; deadline?: { format: (f: string) => string } }

export default function MinePage() {
  const { t, locale } = useMarketMessages();
  const links = useApiGet<LinkOption[]>('/api/market/chain-links', {}, 'links');
  usePageTitle('nav.market');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const mine = useApiGet<{ achievements: Achievement[]; demands: Demand[] }>('/api/market/mine', {}, 'mine');

  const submit = async (v: FormValues) => {
    try {
      const d = await api.post<Demand>('/api/market/demands', {
        ...(v.orgUscc ? { orgUscc: v.orgUscc } : {}), problem: v.problem, goals: v.goals ?? '', field: v.field, chainLinkId: v.chainLinkId ?? null, trlMin: v.trlMin,
        budgetFen: v.budgetWan != null ? Math.round(v.budgetWan * 1_000_000) : null, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
      });
      navigate(`/market/demands/${d.id}/matches`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('mine.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('mine.subtitle')}</Typography.Text>
      </Card>
      <Card>
        <Form<FormValues> form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 14 }} onFinish={submit} initialValues={{ field: 'new_energy', trlMin: 6 }} data-testid="demand-form">
          {user.role !== 'org_user' && (
            <Form.Item name="orgUscc" label={t('mine.org')} rules={[{ required: true }]} extra={t('mine.orgHint')}><Input style={{ fontFamily: 'monospace' }} /></Form.Item>
          )}
          <Form.Item name="problem" label={t('form.problem')} rules={[{ required: true, max: 200 }]}><Input data-testid="demand-problem" /></Form.Item>
          <Form.Item name="goals" label={t('form.goals')}><Input.TextArea rows={3} data-testid="demand-goals" /></Form.Item>
          <Form.Item name="field" label={t('field')} rules={[{ required: true }]}>
            <Select options={FIELDS.map((f) => ({ value: f, label: t(`fieldName.${f}`) }))} />
          </Form.Item>
          <Form.Item name="chainLinkId" label={t('form.link')}>
            <Select allowClear showSearch optionFilterProp="label" data-testid="demand-link"
              options={(links.data ?? []).map((l) => ({ value: l.id, label: `${named(l.chain, locale)} · ${named(l.name, locale)}` }))} />
          </Form.Item>
          <Form.Item name="trlMin" label={t('form.trlMin')} rules={[{ required: true }]}><InputNumber min={1} max={9} precision={0} data-testid="demand-trl" /></Form.Item>
          <Form.Item name="budgetWan" label={t('form.budget')}><InputNumber min={0} style={{ width: 200 }} data-testid="demand-budget" /></Form.Item>
          <Form.Item name="deadline" label={t('form.deadline')}><DatePicker /></Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}><Button type="primary" htmlType="submit" data-testid="demand-submit">{t('form.submit')}</Button></Form.Item>
        </Form>
      </Card>
      <Card title={t('mine.list')}>
        <List<Demand>
          loading={mine.loading} dataSource={mine.data?.demands ?? []} locale={{ emptyText: t('mine.none') }}
          renderItem={(d) => (
            <List.Item actions={[<Link key="m" to={`/market/demands/${d.id}/matches`}>{t('mine.matches')}</Link>]}>
              <List.Item.Meta title={d.problem} description={`${t(`fieldName.${d.field}` as never)} · TRL ≥ ${d.trlMin} · ${d.org?.name ?? ''}`} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

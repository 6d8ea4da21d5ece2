// 发布与匹配: an organisation (or staff for one) posts a technology demand and opens its matches;
// below, its listings of both kinds, to publish an achievement, edit, withdraw or see matches.
import { Link, useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, List, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { LoadError } from '../../components/LoadError';
import { ListingDrawer } from './ListingDrawer';
import { ListingForm } from './ListingForm';
import { useCurrentUser } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { FIELDS, named, useMarketMessages, wan } from './messages';
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
  const [tab, setTab] = useState<'demand' | 'achievement'>('demand');
  const [editing, setEditing] = useState<{ kind: 'achievement' | 'demand'; item: Achievement | Demand | null } | null>(null);
  const [viewing, setViewing] = useState<{ kind: 'achievement' | 'demand'; id: string } | null>(null);

  const close = async (kind: 'achievement' | 'demand', id: string) => {
    try {
      await api.post(`/api/market/${kind}s/${id}/close`);
      message.success(t('mine.closed'));
      mine.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };
  const status = (s: string | undefined) => (s === 'closed' ? <Tag>{t('status.closed')}</Tag> : null);
  // Open listings can be matched, edited and withdrawn; a withdrawn one can only be read.
  const actions = (kind: 'achievement' | 'demand', x: Achievement | Demand) => [
    <Button key="v" type="link" size="small" onClick={() => setViewing({ kind, id: x.id })}>{t('mine.view')}</Button>,
    ...(x.status === 'closed' ? [] : [
      <Link key="m" to={`/market/${kind}s/${x.id}/matches`}>{t('mine.matches')}</Link>,
      <Button key="e" type="link" size="small" onClick={() => setEditing({ kind, item: x })} data-testid={`${kind}-edit`}>{t('mine.edit')}</Button>,
      <Popconfirm key="c" title={t('mine.closeConfirm')} onConfirm={() => void close(kind, x.id)}><Button type="link" size="small" danger>{t('mine.close')}</Button></Popconfirm>,
    ]),
  ];

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
      <Card
        title={t('mine.list')}
        extra={<Space>
          <Button onClick={() => setEditing({ kind: 'achievement', item: null })} data-testid="achievement-new">{t('edit.new.achievement')}</Button>
        </Space>}
      >
        <Tabs activeKey={tab} onChange={(k) => setTab(k as 'demand' | 'achievement')} items={[
          { key: 'demand', label: `${t('tab.demands')} (${mine.data?.demands.length ?? 0})` },
          { key: 'achievement', label: `${t('tab.achievements')} (${mine.data?.achievements.length ?? 0})` },
        ]} />
        <LoadError error={mine.error} onRetry={mine.reload} />
        {tab === 'demand' ? (
          <List<Demand>
            data-testid="mine-demands" loading={mine.loading} dataSource={mine.data?.demands ?? []} locale={{ emptyText: t('mine.none') }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
            renderItem={(d) => (
              <List.Item actions={actions('demand', d)}>
                <List.Item.Meta title={<Space>{d.problem}{status(d.status)}{d.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}</Space>} description={`${t(`fieldName.${d.field}` as never)} · TRL ≥ ${d.trlMin} · ${t('col.budget')} ${wan(d.budgetFen)} · ${d.org?.name ?? ''}`} />
              </List.Item>
            )}
          />
        ) : (
          <List<Achievement>
            data-testid="mine-achievements" loading={mine.loading} dataSource={mine.data?.achievements ?? []} locale={{ emptyText: t('mine.noneAchievement') }} pagination={{ pageSize: 10, hideOnSinglePage: true }}
            renderItem={(a) => (
              <List.Item actions={actions('achievement', a)}>
                <List.Item.Meta title={<Space>{a.title}{status(a.status)}{a.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}</Space>} description={`${t(`fieldName.${a.field}` as never)} · TRL ${a.trl} · ${a.transferModes.map((m) => t(`mode.${m}` as never)).join('、')} · ${a.org?.name ?? ''}`} />
              </List.Item>
            )}
          />
        )}
      </Card>
      <ListingForm kind={editing?.kind ?? 'demand'} editing={editing?.item ?? null} open={!!editing} onClose={() => setEditing(null)}
        onSaved={(savedId) => { const kind = editing?.kind; setEditing(null); mine.reload(); if (kind === 'achievement' && !editing?.item) navigate(`/market/achievements/${savedId}/matches`); }} />
      <ListingDrawer kind={viewing?.kind ?? 'demand'} id={viewing?.id ?? null} onClose={() => setViewing(null)} />
    </Space>
  );
}

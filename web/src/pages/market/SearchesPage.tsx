// 订阅与提醒: a user's saved searches (standing queries over achievements or demands) and the
// "new match" notices they raise when a new or edited listing scores at or above their mark.
import { useState } from 'react';
import { App, Badge, Button, Card, Col, Empty, Form, Input, InputNumber, List, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { applyNestedFieldErrors } from '../../components/fieldErrors';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../i18n';
import { ListingDrawer } from './ListingDrawer';
import { FIELDS, named, useMarketMessages, wan } from './messages';
import type { LinkOption, MatchQuery, Notice, SavedSearch } from './types';

interface Values { target: 'achievement' | 'demand'; name: string; text?: string; field?: string; chainLinkId?: string; trl?: number; budgetWan?: number; minScore: number }

export default function SearchesPage() {
  const { t, locale } = useMarketMessages();
  usePageTitle('nav.market');
  const { message } = App.useApp();
  const searches = useApiGet<SavedSearch[]>('/api/market/searches', {}, 'searches');
  const notices = useApiGet<{ unread: number; items: Notice[] }>('/api/market/notices', {}, 'notices');
  const links = useApiGet<LinkOption[]>('/api/market/chain-links', {}, 'links');
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [open, setOpen] = useState<{ kind: 'achievement' | 'demand'; id: string } | null>(null);
  const linkName = (id: string | null | undefined) => {
    const l = (links.data ?? []).find((x) => x.id === id);
    return l ? `${named(l.chain, locale)} · ${named(l.name, locale)}` : null;
  };
  const describe = (q: MatchQuery) => [
    q.text ? t('searches.q.text', { text: q.text }) : null,
    q.field ? t(`fieldName.${q.field}` as never) : null,
    q.chainLinkId ? linkName(q.chainLinkId) : null,
    q.trl != null ? `TRL ${q.trl}` : null,
    q.budgetFen != null ? t('searches.q.budget', { wan: wan(q.budgetFen) }) : null,
  ].filter(Boolean).join(' · ') || t('searches.q.any');

  const save = async (v: Values) => {
    setSaving(true);
    try {
      await api.post('/api/market/searches', {
        target: v.target, name: v.name, minScore: v.minScore,
        query: { text: v.text ?? '', field: v.field ?? null, chainLinkId: v.chainLinkId ?? null, trl: v.trl ?? null, budgetFen: v.budgetWan != null ? Math.round(v.budgetWan * 1_000_000) : null },
      });
      message.success(t('searches.saved'));
      form.resetFields();
      searches.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'market.trl_out_of_range') form.setFields([{ name: 'trl', errors: [e.detail] }]);
      else if (e instanceof ApiError && e.code === 'chain.link_not_found') form.setFields([{ name: 'chainLinkId', errors: [e.detail] }]);
      else if (!(e instanceof ApiError && applyNestedFieldErrors(form, e, ['name', 'minScore']))) message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (s: SavedSearch) => {
    try {
      await api.delete(`/api/market/searches/${s.id}`);
      searches.reload();
      notices.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.detail : String(e));
    }
  };
  const openNotice = async (n: Notice) => {
    setOpen({ kind: n.target, id: n.listingId });
    if (!n.readAt) {
      await api.post(`/api/market/notices/${n.id}/read`).catch(() => undefined);
      notices.reload();
    }
  };
  const searchName = (id: string) => searches.data?.find((s) => s.id === id)?.name ?? '—';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('searches.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('searches.subtitle')}</Typography.Text>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={<Space>{t('notices.title')}<Badge count={notices.data?.unread ?? 0} data-testid="notices-unread" /></Space>}>
            <LoadError error={notices.error} onRetry={notices.reload} />
            {notices.data && notices.data.items.length === 0 ? <Empty description={t('notices.none')} /> : (
              <List<Notice>
                data-testid="notice-list" loading={notices.loading} dataSource={notices.data?.items ?? []}
                renderItem={(n) => (
                  <List.Item data-testid="notice-item" actions={[<Button key="o" type="link" size="small" onClick={() => void openNotice(n)}>{t('notices.open')}</Button>]}>
                    <List.Item.Meta
                      title={<Space>{!n.readAt && <Badge status="processing" />}<span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span><Tag color="blue">{t('match.score')} {n.score}</Tag></Space>}
                      description={t('notices.from', { kind: t(`tab.${n.target}s` as never), search: searchName(n.searchId), at: formatDateTime(n.createdAt) })}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('searches.new')}>
            <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={{ target: 'achievement', minScore: 40 }} data-testid="search-form">
              <Form.Item name="target" label={t('searches.target')}>
                <Select options={[{ value: 'achievement', label: t('tab.achievements') }, { value: 'demand', label: t('tab.demands') }]} />
              </Form.Item>
              <Form.Item name="name" label={t('searches.name')} rules={[{ required: true, max: 100 }]}><Input data-testid="search-name" placeholder={t('searches.nameHint')} /></Form.Item>
              <Form.Item name="text" label={t('searches.text')}><Input data-testid="search-text" placeholder={t('searchHint')} /></Form.Item>
              <Row gutter={12}>
                <Col span={12}><Form.Item name="field" label={t('field')}><Select allowClear options={FIELDS.map((f) => ({ value: f, label: t(`fieldName.${f}`) }))} /></Form.Item></Col>
                <Col span={12}><Form.Item name="chainLinkId" label={t('col.link')}><Select allowClear showSearch optionFilterProp="label" options={(links.data ?? []).map((l) => ({ value: l.id, label: `${named(l.chain, locale)} · ${named(l.name, locale)}` }))} /></Form.Item></Col>
                <Col span={8}><Form.Item name="trl" label="TRL"><InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                <Col span={8}><Form.Item name="budgetWan" label={t('form.budget')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                <Col span={8}><Form.Item name="minScore" label={t('searches.minScore')} tooltip={t('searches.minScoreHint')}><InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="search-save">{t('searches.save')}</Button>
            </Form>
          </Card>
        </Col>
      </Row>
      <Card title={t('searches.list')}>
        <LoadError error={searches.error} onRetry={searches.reload} />
        <Table<SavedSearch>
          data-testid="search-table" rowKey="id" size="small" loading={searches.loading} dataSource={searches.data ?? []} pagination={false}
          locale={{ emptyText: t('searches.none') }}
          columns={[
            { title: t('searches.name'), dataIndex: 'name', width: 200 },
            { title: t('searches.target'), dataIndex: 'target', width: 110, render: (v: string) => t(`tab.${v}s` as never) },
            { title: t('searches.query'), render: (_v, s) => describe(s.query) },
            { title: t('searches.minScore'), dataIndex: 'minScore', width: 100, align: 'right' },
            { title: t('searches.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
            {
              title: '', width: 80,
              render: (_v, s) => <Popconfirm title={t('searches.deleteConfirm')} onConfirm={() => void remove(s)}><Button type="link" danger size="small">{t('searches.delete')}</Button></Popconfirm>,
            },
          ]}
        />
      </Card>
      <ListingDrawer kind={open?.kind ?? 'achievement'} id={open?.id ?? null} onClose={() => setOpen(null)} />
    </Space>
  );
}

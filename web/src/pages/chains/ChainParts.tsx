// Pieces of the chain page: the link drawer (organisations, targets, indicators, editor), the
// link and target forms, the ranked target table and the versions panel with its diff.
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Modal, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useApiGet } from '../../components/useApiGet';
import { useChainsMessages } from './messages';
import {
  CLS_COLOR, pct, ROLES, STAGES, TARGET_SOURCES, TARGET_STATUSES, yi,
  type ChainMap, type Diff, type Link, type LinkDetail, type Role, type Target, type TargetStatus, type Version,
} from './types';

const split = (s: string | undefined) => (s ?? '').split(/[,，、;；\n]+/).map((x) => x.trim()).filter(Boolean);
const errText = (e: unknown) => (e instanceof ApiError ? e.detail : String(e));
const TIER_ZH: Record<string, [string, string]> = { tech_sme: ['科技型中小企业', 'Tech SME'], innovative_sme: ['创新型中小企业', 'Innovative SME'], srdi_sme: ['专精特新', 'SRDI'], little_giant: ['小巨人', 'Little giant'], hnte: ['高企', 'HNTE'] };

export function LinkDrawer({ chainId, linkId, basis, map, targets, onClose, onChanged }: {
  chainId: string; linkId: string; basis: string; map: ChainMap; targets: Target[]; onClose: () => void; onChanged: () => void;
}) {
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const admin = user.role === 'bureau_admin';
  const [rev, setRev] = useState(0);
  const { data, error, loading, reload } = useApiGet<LinkDetail>(`/api/chains/${chainId}/links/${linkId}`, { basis }, `${basis}-${rev}`);
  const [editing, setEditing] = useState<'edit' | 'sub' | null>(null);
  const [merging, setMerging] = useState(false);
  const [mergeInto, setMergeInto] = useState<string>();
  const [uscc, setUscc] = useState('');
  const [addingTarget, setAddingTarget] = useState(false);
  const changed = () => { setRev((n) => n + 1); onChanged(); };

  async function act(fn: () => Promise<unknown>, ok?: string) {
    try {
      await fn();
      if (ok) message.success(ok);
      changed();
    } catch (e) {
      message.error(errText(e));
    }
  }

  const a = data?.analysis;
  const link = data?.link;
  const visible = data?.organisations ?? [];
  return (
    <Drawer open width={760} onClose={onClose} title={link ? c('link.title', { name: en ? link.en || link.zh : link.zh }) : ''} destroyOnHidden data-testid="link-drawer"
      extra={admin && link && (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing('edit')}>{c('link.edit')}</Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('sub')}>{c('link.addSub')}</Button>
          <Button size="small" icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>{c('link.merge')}</Button>
          <Button size="small" danger icon={<DeleteOutlined />} onClick={() => modal.confirm({
            title: c('link.delete'), content: c('link.deleteConfirm', { name: link.zh }), okButtonProps: { danger: true }, okText: c('link.delete'), cancelText: c('cancel'),
            onOk: () => act(async () => { await api.delete(`/api/chains/${chainId}/links/${linkId}`); onClose(); }, c('link.saved')),
          })} />
        </Space>
      )}>
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? null : a && link && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Alert type={a.cls === 'strong' ? 'success' : a.cls === 'weak' ? 'warning' : 'error'} showIcon data-testid="link-recommendation"
            message={<Space><Tag color={CLS_COLOR[a.cls]}>{c(`cls.${a.cls}`)} · {a.score}</Tag><strong>{c(`action.${a.action}`)}</strong></Space>}
            description={en ? a.recommendation.en : a.recommendation.zh} />
          <Descriptions size="small" column={3} bordered title={c('link.indicators')}>
            <Descriptions.Item label={c('col.orgs')}>{a.indicators.organisations}</Descriptions.Item>
            <Descriptions.Item label={c('col.revenue')}>{yi(a.indicators.revenue)}</Descriptions.Item>
            <Descriptions.Item label={c('col.rd')}>{pct(a.indicators.rdIntensity)}</Descriptions.Item>
            <Descriptions.Item label={c('col.hnte')}>{a.indicators.hnte}</Descriptions.Item>
            <Descriptions.Item label={c('col.srdi')}>{a.indicators.srdi}</Descriptions.Item>
            <Descriptions.Item label={c('col.ip')}>{a.indicators.classOneIp}</Descriptions.Item>
            <Descriptions.Item label={c('col.leaders')}>{a.indicators.leaders}</Descriptions.Item>
            <Descriptions.Item label={c('col.reserve')}>{a.reserve}</Descriptions.Item>
            <Descriptions.Item label={c('col.stage')}>{c(`stage.${a.stage}`)}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Text strong>{c('link.parts')}</Typography.Text>
            {a.parts.map((p) => (
              <div key={p.key} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ width: 110, fontSize: 12 }}>{c(`part.${p.key}` as 'part.hnte')}</span>
                <Progress percent={Math.round((p.points / p.max) * 100)} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} strokeColor={CLS_COLOR[a.cls]} />
                <span style={{ width: 60, fontSize: 12, textAlign: 'right' }}>{p.points} / {p.max}</span>
              </div>
            ))}
          </div>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={c('link.technologies')}>{link.technologies.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={c('link.products')}>{link.products.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={c('link.keywords')}>{link.keywords.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={c('link.codes')}>{link.codes.map((x) => <Tag key={x} style={{ fontFamily: 'monospace' }}>{x}</Tag>)}</Descriptions.Item>
          </Descriptions>

          <div>
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
              <Typography.Text strong>{c('link.orgs', { n: visible.length })}</Typography.Text>
              <Space.Compact>
                <Input size="small" placeholder={c('link.addOrgUscc')} value={uscc} onChange={(e) => setUscc(e.target.value)} style={{ width: 200, fontFamily: 'monospace' }} data-testid="link-add-uscc" />
                <Button size="small" icon={<PlusOutlined />} disabled={!uscc.trim()} onClick={() => act(() => api.post(`/api/chains/${chainId}/links/${linkId}/orgs`, { uscc: uscc.trim() }).then(() => setUscc('')), c('link.saved'))}>{c('link.addOrg')}</Button>
              </Space.Compact>
            </Space>
            {visible.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c('link.noOrgs')} /> : (
              <Table size="small" rowKey="id" dataSource={visible} pagination={{ pageSize: 8, size: 'small' }} data-testid="link-orgs"
                columns={[
                  { key: 'name', title: c('target.name'), render: (_, o) => <Space direction="vertical" size={0}><span>{o.name} {o.synthetic && <Tag color="default" style={{ fontSize: 11 }}>{c('synthetic')}</Tag>}</span><Typography.Text type="secondary" copyable style={{ fontSize: 11, fontFamily: 'monospace' }}>{o.uscc}</Typography.Text>{o.reserveTiers.length > 0 && <Typography.Text type="warning" style={{ fontSize: 11 }}>{c('link.reserve', { tiers: o.reserveTiers.map((x) => (TIER_ZH[x.ruleset] ?? [x.ruleset, x.ruleset])[en ? 1 : 0]).join('、') })}</Typography.Text>}</Space> },
                  { key: 'role', title: c('link.role'), width: 130, render: (_, o) => <Select size="small" value={o.role} style={{ width: 120 }} options={ROLES.map((r) => ({ value: r, label: c(`role.${r}`) }))} onChange={(role: Role) => act(() => api.patch(`/api/chains/${chainId}/attachments/${o.id}`, { role }))} /> },
                  { key: 'status', title: c('link.confidence'), width: 110, render: (_, o) => (
                    <Tooltip title={o.evidence.map((e) => `${c(`evidence.${e.kind}` as 'evidence.keyword')}：${e.value}${e.kind === 'role' ? '' : ` ≈ ${e.matched}（+${e.weight}）`}`).join('\n')} overlayStyle={{ whiteSpace: 'pre-line' }}>
                      <Space direction="vertical" size={0}><Tag color={o.status === 'confirmed' ? 'green' : o.status === 'rejected' ? 'default' : 'blue'}>{c(`link.status.${o.status}`)}</Tag><span style={{ fontSize: 11 }}>{o.confidence}%</span></Space>
                    </Tooltip>
                  ) },
                  { key: 'actions', title: '', width: 90, render: (_, o) => (
                    <Space size={4}>
                      {o.status !== 'confirmed' && <Tooltip title={c('link.confirm')}><Button size="small" type="text" icon={<CheckOutlined style={{ color: '#389e0d' }} />} onClick={() => act(() => api.patch(`/api/chains/${chainId}/attachments/${o.id}`, { status: 'confirmed' }))} data-testid={`confirm-${o.uscc}`} /></Tooltip>}
                      {o.status !== 'rejected' && <Tooltip title={c('link.reject')}><Button size="small" type="text" icon={<CloseOutlined style={{ color: '#cf1322' }} />} onClick={() => act(() => api.patch(`/api/chains/${chainId}/attachments/${o.id}`, { status: 'rejected' }))} /></Tooltip>}
                    </Space>
                  ) },
                ]} />
            )}
          </div>

          <div>
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
              <Typography.Text strong>{c('link.targets', { n: targets.length })}</Typography.Text>
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingTarget(true)} data-testid="link-add-target">{c('target.add')}</Button>
            </Space>
            {targets.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c('link.noTargets')} /> : (
              <List size="small" dataSource={targets} renderItem={(tg) => (
                <List.Item extra={<Tag>{c(`status.${tg.status}`)}</Tag>}>
                  <List.Item.Meta title={<span>{tg.rank ? `#${tg.rank} ` : ''}{tg.name} {tg.synthetic && <Tag style={{ fontSize: 11 }}>{c('synthetic')}</Tag>}</span>}
                    description={tg.reasons.map((r) => `${en ? r.en : r.zh} +${r.points}`).join('；')} />
                </List.Item>
              )} />
            )}
          </div>
        </Space>
      )}
      <LinkForm open={!!editing} chainId={chainId} map={map} link={editing === 'edit' ? link : undefined} parent={editing === 'sub' ? link : undefined} onClose={() => setEditing(null)} onSaved={changed} />
      <TargetForm open={addingTarget} chainId={chainId} map={map} linkId={linkId} onClose={() => setAddingTarget(false)} onSaved={changed} />
      <Modal open={merging} title={c('link.mergeInto')} okText={c('save')} cancelText={c('cancel')} onCancel={() => setMerging(false)} okButtonProps={{ disabled: !mergeInto }}
        onOk={() => act(async () => { await api.post(`/api/chains/${chainId}/links/${linkId}/merge`, { into: mergeInto }); setMerging(false); onClose(); }, c('link.saved'))}>
        <Select style={{ width: '100%' }} showSearch optionFilterProp="label" value={mergeInto} onChange={setMergeInto}
          options={map.links.filter((l) => l.id !== linkId).map((l) => ({ value: l.id, label: `${c(`stage.${l.stage}`)} · ${l.zh}` }))} />
      </Modal>
    </Drawer>
  );
}

export function LinkForm({ open, chainId, map, link, parent, onClose, onSaved }: { open: boolean; chainId: string; map: ChainMap; link?: Link; parent?: Link; onClose: () => void; onSaved: () => void }) {
  const { t: c } = useChainsMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const l = link;
    form.setFieldsValue(l ? { zh: l.zh, en: l.en, stage: l.stage, parentId: l.parentId ?? undefined, technologies: l.technologies.join('、'), products: l.products.join('、'), keywords: l.keywords.join('、'), codes: l.codes.join(', ') }
      : { stage: parent?.stage ?? 'midstream', parentId: parent?.id });
  }, [open, link, parent, form]);
  async function save() {
    const v = await form.validateFields();
    const body = { zh: v.zh, en: v.en ?? '', stage: v.stage, parentId: v.parentId ?? null, technologies: split(v.technologies), products: split(v.products), keywords: split(v.keywords), codes: split(v.codes) };
    try {
      if (link) await api.patch(`/api/chains/${chainId}/links/${link.id}`, body);
      else await api.post(`/api/chains/${chainId}/links`, { ...body, parentId: body.parentId ?? undefined });
      message.success(c('link.saved'));
      onClose();
      onSaved();
    } catch (e) {
      message.error(errText(e));
    }
  }
  return (
    <Modal open={open} title={link ? c('link.edit') : parent ? c('link.addSub') : c('map.addLink')} onOk={save} onCancel={onClose} okText={c('save')} cancelText={c('cancel')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" data-testid="link-form">
        <Form.Item name="zh" label={c('link.name')} rules={[{ required: true, max: 60 }]}><Input /></Form.Item>
        <Form.Item name="en" label={c('link.nameEn')}><Input /></Form.Item>
        <Space style={{ width: '100%' }} size={16}>
          <Form.Item name="stage" label={c('col.stage')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={STAGES.map((s) => ({ value: s, label: c(`stage.${s}`) }))} /></Form.Item>
          <Form.Item name="parentId" label={c('link.parent')}><Select allowClear style={{ width: 360 }} options={map.links.filter((l) => !l.parentId && l.id !== link?.id).map((l) => ({ value: l.id, label: `${c(`stage.${l.stage}`)} · ${l.zh}` }))} /></Form.Item>
        </Space>
        <Form.Item name="technologies" label={c('link.technologies')} extra={c('link.listHint')}><Input.TextArea autoSize /></Form.Item>
        <Form.Item name="products" label={c('link.products')} extra={c('link.listHint')}><Input.TextArea autoSize /></Form.Item>
        <Form.Item name="keywords" label={c('link.keywords')} extra={c('link.listHint')}><Input.TextArea autoSize /></Form.Item>
        <Form.Item name="codes" label={c('link.codes')} extra={c('link.listHint')}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

export function TargetForm({ open, chainId, map, linkId, target, onClose, onSaved }: { open: boolean; chainId: string; map: ChainMap; linkId?: string; target?: Target; onClose: () => void; onSaved: () => void }) {
  const { t: c } = useChainsMessages();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(target
      ? { ...target, plannedInvestment: target.plannedInvestment === null ? undefined : target.plannedInvestment / 1e6, revenue: target.revenue === null ? undefined : target.revenue / 1e6, products: target.products.join('、'), ownerId: target.ownerId ?? undefined }
      : { linkId, status: 'lead', source: 'chain_gap', ownerId: user.id });
  }, [open, target, linkId, form, user.id]);
  async function save() {
    const v = await form.validateFields();
    const body = {
      linkId: v.linkId, name: v.name, location: v.location ?? '', products: split(v.products), source: v.source, status: v.status, ownerId: v.ownerId ?? null,
      plannedInvestment: v.plannedInvestment === undefined || v.plannedInvestment === null ? null : Math.round(v.plannedInvestment * 1e6),
      revenue: v.revenue === undefined || v.revenue === null ? null : Math.round(v.revenue * 1e6), listed: !!v.listed, hnte: !!v.hnte, notes: v.notes ?? '',
    };
    try {
      if (target) await api.patch(`/api/chains/${chainId}/targets/${target.id}`, body);
      else await api.post(`/api/chains/${chainId}/targets`, body);
      message.success(c('target.saved'));
      onClose();
      onSaved();
    } catch (e) {
      message.error(errText(e));
    }
  }
  return (
    <Modal open={open} title={c('target.add')} onOk={save} onCancel={onClose} okText={c('save')} cancelText={c('cancel')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" data-testid="target-form">
        <Form.Item name="name" label={c('target.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="target-name" /></Form.Item>
        <Form.Item name="linkId" label={c('target.link')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={map.links.map((l) => ({ value: l.id, label: `${c(`stage.${l.stage}`)} · ${l.zh}` }))} /></Form.Item>
        <Space size={16} wrap>
          <Form.Item name="location" label={c('target.location')}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="source" label={c('target.source')} rules={[{ required: true }]}><Select style={{ width: 150 }} options={TARGET_SOURCES.map((s) => ({ value: s, label: c(`source.${s}`) }))} /></Form.Item>
          <Form.Item name="status" label={c('target.status')} rules={[{ required: true }]}><Select style={{ width: 120 }} options={TARGET_STATUSES.map((s) => ({ value: s, label: c(`status.${s}`) }))} /></Form.Item>
        </Space>
        <Space size={16} wrap>
          <Form.Item name="plannedInvestment" label={c('target.investment')}><InputNumber min={0} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="revenue" label={c('target.revenue')}><InputNumber min={0} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="listed" valuePropName="checked" label=" "><Checkbox>{c('target.listed')}</Checkbox></Form.Item>
          <Form.Item name="hnte" valuePropName="checked" label=" "><Checkbox>{c('target.hnte')}</Checkbox></Form.Item>
        </Space>
        <Form.Item name="products" label={c('link.products')} extra={c('link.listHint')}><Input /></Form.Item>
        <Form.Item name="notes" label={c('target.notes')}><Input.TextArea autoSize /></Form.Item>
        <Form.Item name="ownerId" hidden><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

export function TargetTable({ items, chainId, onChanged, onOpenLink }: { items: Target[]; chainId: string; onChanged: () => void; onOpenLink: (id: string) => void }) {
  const { t: c, locale } = useChainsMessages();
  const en = locale === 'en-US';
  const { message } = App.useApp();
  if (items.length === 0) return <Empty description={c('target.empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c('target.rankNote')}</Typography.Text>
      <Table<Target> rowKey="id" size="small" dataSource={items} pagination={{ pageSize: 20 }} scroll={{ x: 1200 }} data-testid="target-table"
        columns={[
          { key: 'rank', title: c('target.rank'), width: 60, fixed: 'left', render: (_, t) => t.rank ?? '—' },
          { key: 'name', title: c('target.name'), width: 240, fixed: 'left', render: (_, t) => <span>{t.name} {t.synthetic && <Tag style={{ fontSize: 11 }}>{c('synthetic')}</Tag>}</span> },
          { key: 'score', title: c('target.score'), width: 70, align: 'right', render: (_, t) => t.score ?? '—' },
          { key: 'link', title: c('target.link'), width: 180, render: (_, t) => <Space size={4}><Tag color={CLS_COLOR[t.linkClass]}>{c(`cls.${t.linkClass}`)}</Tag><a onClick={() => onOpenLink(t.linkId)}>{en ? t.linkEn : t.linkZh}</a></Space> },
          { key: 'location', title: c('target.location'), width: 120, dataIndex: 'location' },
          { key: 'source', title: c('target.source'), width: 100, render: (_, t) => c(`source.${t.source}`) },
          { key: 'status', title: c('target.status'), width: 130, render: (_, t) => (
            <Select size="small" value={t.status} style={{ width: 110 }} options={TARGET_STATUSES.map((s) => ({ value: s, label: c(`status.${s}`) }))}
              onChange={(status: TargetStatus) => api.patch(`/api/chains/${chainId}/targets/${t.id}`, { status }).then(onChanged).catch((e) => message.error(errText(e)))} />
          ) },
          { key: 'owner', title: c('target.owner'), width: 120, render: (_, t) => t.ownerName ?? '—' },
          { key: 'investment', title: c('target.investment'), width: 120, align: 'right', render: (_, t) => (t.plannedInvestment === null ? '—' : (t.plannedInvestment / 1e6).toLocaleString()) },
          { key: 'reasons', title: c('target.reasons'), render: (_, t) => <span style={{ fontSize: 12 }}>{t.reasons.map((r) => `${en ? r.en : r.zh} +${r.points}`).join('；')}</span> },
        ]} />
    </Space>
  );
}

export function VersionsPanel({ chainId, onRestored }: { chainId: string; onRestored: () => void }) {
  const { t: c } = useChainsMessages();
  const { message, modal } = App.useApp();
  const admin = useCurrentUser().role === 'bureau_admin';
  const [rev, setRev] = useState(0);
  const { data, error, reload } = useApiGet<Version[]>(`/api/chains/${chainId}/versions`, {}, String(rev));
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const [diff, setDiff] = useState<Diff | null>(null);

  async function save() {
    const v = await form.validateFields();
    try {
      const r = await api.post<Version>(`/api/chains/${chainId}/versions`, { asOf: v.asOf.format('YYYY-MM-DD'), label: v.label });
      message.success(c('ver.saved', { asOf: r.asOf }));
      setSaving(false);
      setRev((n) => n + 1);
    } catch (e) {
      message.error(errText(e));
    }
  }
  async function compare(v: Version) {
    try {
      setDiff(await api.get<Diff>(`/api/chains/${chainId}/versions/diff`, { from: v.id, to: 'current' }));
    } catch (e) {
      message.error(errText(e));
    }
  }
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="versions-panel">
      <LoadError error={error} onRetry={reload} />
      {admin && <Button icon={<SaveOutlined />} onClick={() => { form.setFieldsValue({ asOf: dayjs(), label: '' }); setSaving(true); }} data-testid="version-save">{c('ver.save')}</Button>}
      {data && data.length === 0 ? <Empty description={c('ver.empty')} /> : (
        <Table<Version> rowKey="id" size="small" pagination={false} dataSource={data ?? []}
          columns={[
            { key: 'asOf', title: c('ver.asOf'), dataIndex: 'asOf', width: 120 },
            { key: 'label', title: c('ver.label'), dataIndex: 'label' },
            { key: 'links', title: c('chains.links'), dataIndex: 'links', width: 80, align: 'right' },
            { key: 'orgs', title: c('chains.orgs'), dataIndex: 'organisations', width: 100, align: 'right' },
            { key: 'strong', title: c('map.strong'), dataIndex: 'strong', width: 90, align: 'right' },
            { key: 'by', title: c('target.owner'), dataIndex: 'createdBy', width: 120 },
            { key: 'actions', title: '', width: 230, render: (_, v) => (
              <Space>
                <Button size="small" onClick={() => compare(v)} data-testid={`version-compare-${v.asOf}`}>{c('ver.compare')}</Button>
                {admin && <Button size="small" danger onClick={() => modal.confirm({
                  title: c('ver.restore'), content: c('ver.restoreConfirm', { asOf: v.asOf, label: v.label }), okText: c('ver.restore'), cancelText: c('cancel'),
                  onOk: async () => {
                    try {
                      const r = await api.post<Diff>(`/api/chains/${chainId}/versions/${v.id}/restore`);
                      message.success(c('ver.restored', { label: r.restored ?? v.label }));
                      setDiff(null);
                      onRestored();
                    } catch (e) {
                      message.error(errText(e));
                    }
                  },
                })}>{c('ver.restore')}</Button>}
              </Space>
            ) },
          ]} />
      )}
      {diff && <DiffView diff={diff} />}
      <Modal open={saving} title={c('ver.save')} onOk={save} onCancel={() => setSaving(false)} okText={c('save')} cancelText={c('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="asOf" label={c('ver.asOf')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="label" label={c('ver.label')} rules={[{ required: true, max: 60 }]}><Input placeholder="2025年基线" /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function DiffView({ diff }: { diff: Diff }) {
  const { t: c } = useChainsMessages();
  const sections: [string, string[]][] = [
    [c('ver.linksAdded'), diff.linksAdded.map((l) => `${c(`stage.${l.stage}` as 'stage.upstream')} · ${l.zh}`)],
    [c('ver.linksRemoved'), diff.linksRemoved.map((l) => `${c(`stage.${l.stage}` as 'stage.upstream')} · ${l.zh}`)],
    [c('ver.linksChanged'), diff.linksChanged.map((l) => `${l.before.zh} → ${l.after.zh}（${l.fields.join(', ')}）`)],
    [c('ver.edgesAdded'), diff.edgesAdded.map((e) => `${e.from} → ${e.to}`)],
    [c('ver.edgesRemoved'), diff.edgesRemoved.map((e) => `${e.from} → ${e.to}`)],
    [c('ver.orgsAdded'), diff.orgsAdded.map((o) => `${o.name} @ ${o.link}`)],
    [c('ver.orgsRemoved'), diff.orgsRemoved.map((o) => `${o.name} @ ${o.link}`)],
    [c('ver.orgsMoved'), diff.orgsMoved.map((o) => `${o.name}：${o.from} → ${o.to}`)],
    [c('ver.strength'), diff.strengthChanges.map((s) => `${s.zh}：${s.scoreBefore} → ${s.score}（${s.delta > 0 ? '+' : ''}${s.delta}）`)],
  ];
  const shown = sections.filter(([, rows]) => rows.length);
  return (
    <div data-testid="version-diff">
      <Typography.Title level={5}>{c('ver.diff', { from: diff.from ?? '', to: diff.to === 'current' ? c('ver.current') : diff.to ?? '' })}</Typography.Title>
      {shown.length === 0 ? <Typography.Text type="secondary">{c('ver.none')}</Typography.Text> : shown.map(([title, rows]) => (
        <div key={title} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{title}（{rows.length}）</Typography.Text>
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>{rows.slice(0, 30).map((r) => <li key={r} style={{ fontSize: 12 }}>{r}</li>)}</ul>
        </div>
      ))}
    </div>
  );
}

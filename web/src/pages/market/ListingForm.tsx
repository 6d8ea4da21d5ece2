// 发布 / 修改: one modal form for an achievement (科技成果) or a demand (技术需求), to publish a new
// one or edit one's own open listing. Money is entered in 万元 and sent in fen; the server's
// refusals (TRL, price range, chain link, organisation) show next to the field they concern.
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useCurrentUser } from '../../auth/AuthContext';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useApiGet } from '../../components/useApiGet';
import { FIELDS, named, useMarketMessages } from './messages';
import type { Achievement, Demand, LinkOption } from './types';

const IP_KINDS = ['invention_patent', 'utility_patent', 'software_copyright', 'ic_layout', 'new_plant_variety', 'know_how', 'none'] as const;
const MODES = ['transfer', 'licence', 'equity', 'joint_development'] as const;
const WAN = 1_000_000; // fen in 万元

interface Values {
  orgUscc?: string; title?: string; abstract?: string; problem?: string; goals?: string; field: string; chainLinkId?: string | null;
  trl?: number; trlMin?: number; ipKind?: string; ipRefs?: string[]; transferModes?: string[]; priceMinWan?: number | null; priceMaxWan?: number | null;
  budgetWan?: number | null; deadline?: dayjs.Dayjs | null;
}

/** Which field a refusal belongs to, so the message sits next to it. */
const FIELD_OF: Record<string, (kind: 'achievement' | 'demand') => keyof Values> = {
  'market.trl_out_of_range': (k) => (k === 'achievement' ? 'trl' : 'trlMin'),
  'market.price_range': () => 'priceMaxWan',
  'chain.link_not_found': () => 'chainLinkId',
  'market.org_required': () => 'orgUscc',
  'org.not_found': () => 'orgUscc',
  'org.out_of_scope': () => 'orgUscc',
  'auth.forbidden': () => 'orgUscc',
};

const toWan = (fen: number | null | undefined) => (fen == null ? null : fen / WAN);
const toFen = (wan: number | null | undefined) => (wan == null ? null : Math.round(wan * WAN));

export function ListingForm({ kind, editing, open, onClose, onSaved }: {
  kind: 'achievement' | 'demand'; editing: Achievement | Demand | null; open: boolean; onClose: () => void; onSaved: (id: string) => void;
}) {
  const { t, locale } = useMarketMessages();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const links = useApiGet<LinkOption[]>('/api/market/chain-links', {}, 'links');

  // The modal's content is destroyed when hidden, so the form mounts afresh with these values each time.
  const initial = useMemo<Partial<Values>>(() => {
    if (!editing) return kind === 'achievement' ? { field: 'new_energy', trl: 6, ipKind: 'invention_patent', transferModes: ['licence'], ipRefs: [] } : { field: 'new_energy', trlMin: 6 };
    if (kind === 'achievement') {
      const a = editing as Achievement;
      return { title: a.title, abstract: a.abstract, field: a.field, chainLinkId: a.chainLink?.id ?? null, trl: a.trl, ipKind: a.ipKind, ipRefs: a.ipRefs ?? [], transferModes: a.transferModes, priceMinWan: toWan(a.priceMinFen), priceMaxWan: toWan(a.priceMaxFen) };
    }
    const d = editing as Demand;
    return { problem: d.problem, goals: d.goals, field: d.field, chainLinkId: d.chainLink?.id ?? null, trlMin: d.trlMin, budgetWan: toWan(d.budgetFen), deadline: d.deadline ? dayjs(d.deadline) : null };
  }, [editing, kind]);

  const submit = async (v: Values) => {
    const body = kind === 'achievement'
      ? { title: v.title, abstract: v.abstract ?? '', field: v.field, chainLinkId: v.chainLinkId ?? null, trl: v.trl, ipKind: v.ipKind, ipRefs: v.ipRefs ?? [], transferModes: v.transferModes, priceMinFen: toFen(v.priceMinWan), priceMaxFen: toFen(v.priceMaxWan ?? v.priceMinWan) }
      : { problem: v.problem, goals: v.goals ?? '', field: v.field, chainLinkId: v.chainLinkId ?? null, trlMin: v.trlMin, budgetFen: toFen(v.budgetWan), deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null };
    setSaving(true);
    try {
      const saved = editing
        ? await api.patch<{ id: string }>(`/api/market/${kind}s/${editing.id}`, body)
        : await api.post<{ id: string }>(`/api/market/${kind}s`, { ...body, ...(v.orgUscc ? { orgUscc: v.orgUscc.trim().toUpperCase() } : {}) });
      message.success(t(editing ? 'edit.saved' : 'edit.published'));
      onSaved(saved.id);
    } catch (e) {
      const field = e instanceof ApiError && e.code ? FIELD_OF[e.code]?.(kind) : undefined;
      if (field) form.setFields([{ name: field, errors: [(e as ApiError).detail] }]);
      else if (e instanceof ApiError && applyFieldErrors(form, e, ['title', 'abstract', 'problem', 'goals', 'field', 'chainLinkId', 'trl', 'trlMin', 'ipKind', 'ipRefs', 'transferModes', 'deadline'])) return;
      else message.error(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };

  const linkOptions = (links.data ?? []).map((l) => ({ value: l.id, label: `${named(l.chain, locale)} · ${named(l.name, locale)}` }));
  const title = t(`edit.${editing ? 'edit' : 'new'}.${kind}`);
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t(editing ? 'edit.save' : 'edit.publish')} width={720} destroyOnHidden>
      <Form<Values> form={form} layout="horizontal" labelWrap labelCol={{ span: 7 }} wrapperCol={{ span: 16 }} onFinish={submit} initialValues={initial} data-testid={`${kind}-edit-form`}>
        {!editing && user.role !== 'org_user' && (
          <Form.Item name="orgUscc" label={t('mine.org')} rules={[{ required: true, len: 18 }]} extra={t('mine.orgHint')}><Input style={{ fontFamily: 'monospace' }} /></Form.Item>
        )}
        {kind === 'achievement' ? (
          <>
            <Form.Item name="title" label={t('col.title')} rules={[{ required: true, max: 200 }]}><Input data-testid="edit-title" /></Form.Item>
            <Form.Item name="abstract" label={t('form.abstract')} rules={[{ max: 5000 }]}><Input.TextArea rows={3} /></Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="problem" label={t('form.problem')} rules={[{ required: true, max: 200 }]}><Input data-testid="edit-problem" /></Form.Item>
            <Form.Item name="goals" label={t('form.goals')} rules={[{ max: 5000 }]}><Input.TextArea rows={3} data-testid="edit-goals" /></Form.Item>
          </>
        )}
        <Form.Item name="field" label={t('field')} rules={[{ required: true }]}>
          <Select options={FIELDS.map((f) => ({ value: f, label: t(`fieldName.${f}`) }))} />
        </Form.Item>
        <Form.Item name="chainLinkId" label={t('form.link')}><Select allowClear showSearch optionFilterProp="label" options={linkOptions} /></Form.Item>
        {kind === 'achievement' ? (
          <>
            <Form.Item name="trl" label={t('form.trl')} rules={[{ required: true }]}><InputNumber min={1} max={9} precision={0} data-testid="edit-trl" /></Form.Item>
            <Form.Item name="ipKind" label={t('form.ipKind')} rules={[{ required: true }]}><Select options={IP_KINDS.map((k) => ({ value: k, label: t(`ip.${k}`) }))} /></Form.Item>
            <Form.Item name="ipRefs" label={t('form.ipRefs')} extra={t('form.ipRefsHint')}><Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} /></Form.Item>
            <Form.Item name="transferModes" label={t('col.mode')} rules={[{ required: true }]}><Select mode="multiple" options={MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))} /></Form.Item>
            <Form.Item label={t('form.price')} extra={t('form.priceHint')} style={{ marginBottom: 0 }}>
              <Form.Item name="priceMinWan" style={{ display: 'inline-block', width: 150 }}><InputNumber min={0} style={{ width: '100%' }} placeholder={t('form.priceMin')} /></Form.Item>
              <span style={{ display: 'inline-block', width: 24, textAlign: 'center' }}>–</span>
              <Form.Item name="priceMaxWan" style={{ display: 'inline-block', width: 150 }}><InputNumber min={0} style={{ width: '100%' }} placeholder={t('form.priceMax')} /></Form.Item>
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="trlMin" label={t('form.trlMin')} rules={[{ required: true }]}><InputNumber min={1} max={9} precision={0} data-testid="edit-trl" /></Form.Item>
            <Form.Item name="budgetWan" label={t('form.budget')}><InputNumber min={0} style={{ width: 200 }} data-testid="edit-budget" /></Form.Item>
            <Form.Item name="deadline" label={t('form.deadline')}><DatePicker /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

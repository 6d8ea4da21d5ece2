// 登记载体: the bureau registers a carrier — kind, level, host organisation (by USCC), chain links,
// staff, date established; a consortium with its lead and members. The server refuses a second
// carrier of a kind for one host, a consortium without lead and an organisation not registered.
import { useState } from 'react';
import type dayjs from 'dayjs';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useApiGet } from '../../components/useApiGet';
import { useCarrierMessages } from './messages';

const KINDS = ['new_rd_institution', 'innovation_lab', 'research_infrastructure', 'enterprise_rd_center', 'public_service_platform', 'innovation_consortium', 'incubator', 'national_research_institute'] as const;
interface Named { zh: string; en: string }
interface Values { kind: string; name: string; level: string; hostUscc: string; chainLinkIds?: string[]; staff?: number; establishedOn: dayjs.Dayjs; leadUscc?: string; memberUsccs?: string[] }

export function CarrierForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useCarrierMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const links = useApiGet<{ id: string; chain: Named; name: Named }[]>('/api/market/chain-links', {}, 'links');
  const n = (x: Named) => (locale === 'zh-CN' ? x.zh : x.en);
  const upper = (s: string | undefined) => s?.trim().toUpperCase();

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/carriers', {
        kind: v.kind, name: v.name, level: v.level, hostUscc: upper(v.hostUscc), chainLinkIds: v.chainLinkIds ?? [], staff: v.staff ?? 0, establishedOn: v.establishedOn.format('YYYY-MM-DD'),
        ...(v.kind === 'innovation_consortium' ? { leadUscc: upper(v.leadUscc) || null, memberUsccs: (v.memberUsccs ?? []).map((m) => m.trim().toUpperCase()) } : {}),
      });
      message.success(t('form.saved'));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) setError(String(e));
      else if (e.code === 'carrier.consortium_without_lead') form.setFields([{ name: 'leadUscc', errors: [e.detail] }]);
      else if (e.code === 'carrier.org_not_registered' && e.detail.includes(upper(form.getFieldValue('hostUscc')) ?? '@')) form.setFields([{ name: 'hostUscc', errors: [e.detail] }]);
      else if (!applyFieldErrors(form, e, ['kind', 'name', 'level', 'hostUscc', 'staff', 'establishedOn', 'leadUscc'])) setError(e.detail);
    } finally {
      setSaving(false);
    }
  };
  const mono = { fontFamily: 'monospace' };
  return (
    <Modal open title={t('form.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={680} destroyOnHidden>
      <Form<Values> form={form} layout="horizontal" labelWrap labelCol={{ span: 7 }} wrapperCol={{ span: 16 }} onFinish={save} initialValues={{ kind: 'enterprise_rd_center', level: 'city', staff: 0 }} data-testid="carrier-form">
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}><Select options={KINDS.map((k) => ({ value: k, label: t(`kindName.${k}`) }))} /></Form.Item>
        <Form.Item name="name" label={t('col.name')} rules={[{ required: true, min: 2, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="level" label={t('level')} rules={[{ required: true }]}><Select options={['national', 'provincial', 'city'].map((l) => ({ value: l, label: t(`level.${l}` as never) }))} /></Form.Item>
        <Form.Item name="hostUscc" label={t('form.hostUscc')} rules={[{ required: true, len: 18 }]}><Input style={mono} /></Form.Item>
        <Form.Item name="chainLinkIds" label={t('col.links')}>
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={(links.data ?? []).map((l) => ({ value: l.id, label: `${n(l.chain)} · ${n(l.name)}` }))} />
        </Form.Item>
        <Form.Item name="staff" label={t('col.staff')}><InputNumber min={0} precision={0} /></Form.Item>
        <Form.Item name="establishedOn" label={t('form.established')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        {kind === 'innovation_consortium' && (
          <>
            <Form.Item name="leadUscc" label={t('form.leadUscc')} rules={[{ required: true, len: 18 }]}><Input style={mono} /></Form.Item>
            <Form.Item name="memberUsccs" label={t('form.memberUsccs')} extra={t('form.membersHint')}><Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} style={mono} /></Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="carrier-error" />}
      </Form>
    </Modal>
  );
}

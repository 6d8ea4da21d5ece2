// 产教融合 forms: the bureau registers a unit (a specialty group needs its level; the institution
// and partner enterprises must be in the registry), and staff record a year's trainees and
// graduates (graduates cannot exceed trainees). The server's refusals show in the dialog.
import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useApiGet } from '../../components/useApiGet';
import { useTalentMessages } from './messages';

interface Named { zh: string; en: string }
const LEVELS = ['applied_undergraduate', 'higher_vocational', 'secondary_vocational'] as const;
const TIERS = ['national', 'provincial', 'city'] as const;

export function UnitForm({ kinds, onClose, onSaved }: { kinds: { kind: string; kindName: Named }[]; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useTalentMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const links = useApiGet<{ id: string; chain: Named; name: Named }[]>('/api/market/chain-links', {}, 'links');
  const n = (x: Named) => (locale === 'zh-CN' ? x.zh : x.en);
  const save = async (v: { kind: string; name: string; level?: string; tier: string; institutionUscc: string; chainLinkIds?: string[]; partnerUsccs?: string[] }) => {
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/talent/units', {
        kind: v.kind, name: v.name, level: v.kind === 'specialty_group' ? (v.level ?? null) : null, tier: v.tier, institutionUscc: v.institutionUscc.trim().toUpperCase(),
        chainLinkIds: v.chainLinkIds ?? [], partnerUsccs: (v.partnerUsccs ?? []).map((p) => p.trim().toUpperCase()),
      });
      message.success(t('form.saved'));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) setError(String(e));
      else if (e.code === 'talent.level_required') form.setFields([{ name: 'level', errors: [e.detail] }]);
      else if (!applyFieldErrors(form, e, ['kind', 'name', 'level', 'tier', 'institutionUscc'])) setError(e.detail);
    } finally {
      setSaving(false);
    }
  };
  const mono = { fontFamily: 'monospace' };
  return (
    <Modal open title={t('form.newUnit')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={680} destroyOnHidden>
      <Form form={form} layout="horizontal" labelWrap labelCol={{ span: 7 }} wrapperCol={{ span: 16 }} onFinish={save} initialValues={{ kind: kinds[0]?.kind, tier: 'city' }} data-testid="unit-form">
        <Form.Item name="kind" label={t('col.kind')} rules={[{ required: true }]}><Select options={kinds.map((k) => ({ value: k.kind, label: n(k.kindName) }))} /></Form.Item>
        {kind === 'specialty_group' && (
          <Form.Item name="level" label={t('col.level')} rules={[{ required: true }]}><Select options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} /></Form.Item>
        )}
        <Form.Item name="name" label={t('col.name')} rules={[{ required: true, min: 2, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="tier" label={t('form.tier')} rules={[{ required: true }]}><Select options={TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))} /></Form.Item>
        <Form.Item name="institutionUscc" label={t('form.institutionUscc')} rules={[{ required: true, len: 18 }]}><Input style={mono} /></Form.Item>
        <Form.Item name="chainLinkIds" label={t('col.links')}>
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={(links.data ?? []).map((l) => ({ value: l.id, label: `${n(l.chain)} · ${n(l.name)}` }))} />
        </Form.Item>
        <Form.Item name="partnerUsccs" label={t('form.partnerUsccs')} extra={t('form.partnersHint')}><Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} style={mono} /></Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="unit-error" />}
      </Form>
    </Modal>
  );
}

export function YearForm({ unit, onClose, onSaved }: { unit: { id: string; name: string; years: { year: number; trainees: number; graduates: number }[] }; onClose: () => void; onSaved: () => void }) {
  const { t } = useTalentMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; trainees: number; graduates: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = unit.years.at(-1);
  const save = async (v: { year: number; trainees: number; graduates: number }) => {
    setSaving(true);
    setError(null);
    try {
      await api.put(`/api/talent/units/${unit.id}/years/${v.year}`, { trainees: v.trainees, graduates: v.graduates });
      message.success(t('form.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'talent.graduates_above_trainees') form.setFields([{ name: 'graduates', errors: [e.detail] }]);
      else setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('form.year', { name: unit.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ year: (last?.year ?? new Date().getFullYear() - 2) + 1 }} data-testid="year-form">
        <Form.Item name="year" label={t('chain.year')} rules={[{ required: true }]} extra={t('form.yearHint')}><InputNumber min={2000} max={2100} precision={0} /></Form.Item>
        <Form.Item name="trainees" label={t('chain.trainees')} rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="graduates" label={t('chain.graduates')} rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: 200 }} /></Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

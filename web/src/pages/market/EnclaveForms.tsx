// The bureau keeps the innovation enclaves (创新飞地): register an enclave, add a project it brings,
// move a project on (stage; a landed project needs the registered organisation it landed as and
// the date — the server says so next to the field).
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useApiGet } from '../../components/useApiGet';
import { FIELDS, named, useMarketMessages } from './messages';
import type { LinkOption } from './types';

const STAGES = ['incubating', 'negotiating', 'signed', 'landed', 'dropped'] as const;
export type EnclaveDialog = { kind: 'enclave' } | { kind: 'project'; enclaves: { id: string; name: string }[] } | { kind: 'stage'; project: { id: string; name: string; stage: string } } | null;

interface Values {
  name?: string; location?: string; operator?: string; openedOn?: dayjs.Dayjs; enclaveId?: string; field?: string; chainLinkId?: string; stage?: string;
  landedUscc?: string; landedOn?: dayjs.Dayjs; contestRef?: string;
}

export function EnclaveForms({ dialog, onClose, onSaved }: { dialog: EnclaveDialog; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useMarketMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const stage = Form.useWatch('stage', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const links = useApiGet<LinkOption[]>('/api/market/chain-links', {}, 'links');
  if (!dialog) return null;
  const date = (d: dayjs.Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : null);
  const landedOf = (v: Values) => (v.stage === 'landed' ? { landedUscc: v.landedUscc?.trim().toUpperCase() || null, landedOn: date(v.landedOn) } : {});

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      if (dialog.kind === 'enclave') await api.post('/api/market/enclaves', { name: v.name, location: v.location, operator: v.operator?.trim() || null, openedOn: date(v.openedOn) });
      if (dialog.kind === 'project') {
        await api.post(`/api/market/enclaves/${v.enclaveId}/projects`, { name: v.name, field: v.field, chainLinkId: v.chainLinkId ?? null, stage: v.stage, contestRef: v.contestRef?.trim() || null, ...landedOf(v) });
      }
      if (dialog.kind === 'stage') await api.patch(`/api/market/enclave-projects/${dialog.project.id}`, { stage: v.stage, ...landedOf(v) });
      message.success(t('enclaves.saved'));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) setError(String(e));
      else if (e.code === 'market.landed_needs_org' || e.code === 'market.party_not_registered') form.setFields([{ name: 'landedUscc', errors: [e.detail] }]);
      else if (e.code === 'market.enclave_name_taken') form.setFields([{ name: 'name', errors: [e.detail] }]);
      else if (!applyFieldErrors(form, e, ['name', 'location', 'operator', 'openedOn', 'field', 'stage'])) setError(e.detail);
    } finally {
      setSaving(false);
    }
  };
  const initial: Values = dialog.kind === 'project' ? { enclaveId: dialog.enclaves[0]?.id, field: 'new_energy', stage: 'incubating' } : dialog.kind === 'stage' ? { stage: dialog.project.stage } : {};
  const title = dialog.kind === 'enclave' ? t('enclaves.new') : dialog.kind === 'project' ? t('enclaves.newProject') : t('enclaves.moveOn', { name: dialog.project.name });
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={640} destroyOnHidden>
      <Form<Values> form={form} layout="horizontal" labelWrap labelCol={{ span: 7 }} wrapperCol={{ span: 16 }} onFinish={save} initialValues={initial} preserve={false} data-testid="enclave-form">
        {dialog.kind === 'enclave' && (
          <>
            <Form.Item name="name" label={t('enclaves.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
            <Form.Item name="location" label={t('enclaves.location')} rules={[{ required: true, max: 100 }]}><Input placeholder={t('enclaves.locationHint')} /></Form.Item>
            <Form.Item name="operator" label={t('enclaves.operator')} rules={[{ max: 200 }]}><Input /></Form.Item>
            <Form.Item name="openedOn" label={t('enclaves.openedOn')}><DatePicker /></Form.Item>
          </>
        )}
        {dialog.kind === 'project' && (
          <>
            <Form.Item name="enclaveId" label={t('enclaves.title')} rules={[{ required: true }]}><Select options={dialog.enclaves.map((e) => ({ value: e.id, label: e.name }))} /></Form.Item>
            <Form.Item name="name" label={t('enclaves.project')} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
            <Form.Item name="field" label={t('field')} rules={[{ required: true }]}><Select options={FIELDS.map((f) => ({ value: f, label: t(`fieldName.${f}`) }))} /></Form.Item>
            <Form.Item name="chainLinkId" label={t('form.link')}><Select allowClear showSearch optionFilterProp="label" options={(links.data ?? []).map((l) => ({ value: l.id, label: `${named(l.chain, locale)} · ${named(l.name, locale)}` }))} /></Form.Item>
            <Form.Item name="contestRef" label={t('enclaves.contestRef')} extra={t('enclaves.contestRefHint')} rules={[{ max: 100 }]}><Input /></Form.Item>
          </>
        )}
        {dialog.kind !== 'enclave' && (
          <Form.Item name="stage" label={t('enclaves.stage')} rules={[{ required: true }]}><Select options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} /></Form.Item>
        )}
        {dialog.kind !== 'enclave' && stage === 'landed' && (
          <>
            <Form.Item name="landedUscc" label={t('enclaves.landedUscc')} rules={[{ required: true, len: 18 }]}><Input style={{ fontFamily: 'monospace' }} /></Form.Item>
            <Form.Item name="landedOn" label={t('enclaves.landedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

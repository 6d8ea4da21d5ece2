// Create or edit an organisation. Server field errors appear next to their fields; an
// organisation user cannot change the kind or the district.
import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import { DISTRICTS } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { applyNestedFieldErrors } from '../../components/fieldErrors';
import { districtLabel } from '../../format';
import { useI18n } from '../../i18n';
import { useRegistryMessages } from './messages';
import { ORG_KINDS, type Contact, type Org } from './types';

interface FormValues {
  uscc?: string;
  name: string;
  formerNames?: string[];
  kind: Org['kind'];
  district: string;
  industryCode?: string;
  registeredOn?: Dayjs | null;
  address?: string;
  listed?: boolean;
  parentGroup?: string;
  keywords?: string[];
  mainProducts?: string[];
  contacts?: Contact[];
}

const FIELDS = [
  'uscc', 'name', 'formerNames', 'kind', 'district', 'industryCode', 'registeredOn', 'address', 'listed', 'parentGroup', 'keywords',
  'mainProducts', 'contacts',
] as const;

function emptyToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function cleanContacts(contacts: Contact[] | undefined): Contact[] {
  return (contacts ?? [])
    .filter((c) => c && c.name?.trim())
    .map((c) => {
      const out: Contact = { name: c.name.trim() };
      if (c.title?.trim()) out.title = c.title.trim();
      if (c.phone?.trim()) out.phone = c.phone.trim();
      if (c.email?.trim()) out.email = c.email.trim();
      return out;
    });
}

export function OrgFormModal({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The organisation to edit; null to create one. */
  editing: Org | null;
  onClose: () => void;
  onSaved: (org: Org) => void;
}) {
  const { t } = useI18n();
  const { t: r } = useRegistryMessages();
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const orgUser = user.role === 'org_user';
  const districtOfficer = user.role === 'district_officer';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        formerNames: editing.formerNames,
        kind: editing.kind,
        district: editing.district,
        industryCode: editing.industryCode ?? undefined,
        registeredOn: editing.registeredOn ? dayjs(editing.registeredOn) : null,
        address: editing.address ?? undefined,
        listed: editing.listed,
        parentGroup: editing.parentGroup ?? undefined,
        keywords: editing.keywords,
        mainProducts: editing.mainProducts,
        contacts: editing.contacts,
      });
    } else {
      form.setFieldsValue({ kind: 'enterprise', district: districtOfficer && user.district ? user.district : undefined, listed: false });
    }
  }, [open, editing, form, districtOfficer, user.district]);

  async function onSubmit(values: FormValues) {
    const body: Record<string, unknown> = {
      name: values.name.trim(),
      formerNames: values.formerNames ?? [],
      industryCode: emptyToNull(values.industryCode)?.toUpperCase() ?? null,
      registeredOn: values.registeredOn ? values.registeredOn.format('YYYY-MM-DD') : null,
      address: emptyToNull(values.address),
      listed: Boolean(values.listed),
      parentGroup: emptyToNull(values.parentGroup),
      keywords: values.keywords ?? [],
      mainProducts: values.mainProducts ?? [],
      contacts: cleanContacts(values.contacts),
    };
    if (!orgUser) {
      body.kind = values.kind;
      body.district = values.district;
    }
    setSaving(true);
    setError(null);
    try {
      let saved: Org;
      if (editing) {
        // Only what changed, so that an organisation user's edit never names a locked field.
        const patch: Record<string, unknown> = {};
        const before: Record<string, unknown> = { ...editing };
        for (const [key, value] of Object.entries(body)) {
          if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) patch[key] = value;
        }
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        saved = await api.patch<Org>(`/api/orgs/${encodeURIComponent(editing.uscc)}`, patch);
      } else {
        saved = await api.post<Org>('/api/orgs', { uscc: values.uscc?.trim().toUpperCase(), ...body });
      }
      onSaved(saved);
    } catch (caught) {
      if (caught instanceof ApiError) {
        const placed = applyNestedFieldErrors(form, caught, FIELDS);
        // The problem's summary is shown too when no field took it (or it names no field).
        if (!placed || caught.fieldErrors.length === 0) setError(caught.detail);
      } else {
        setError(String(caught));
      }
    } finally {
      setSaving(false);
    }
  }

  const required = (field: string) => [{ required: true, message: r('form.required', { field }) }];
  const tags = (placeholder: string) => <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} placeholder={placeholder} />;

  return (
    <Modal
      open={open}
      title={editing ? `${r('form.editTitle')}：${editing.name}` : r('form.createTitle')}
      width={760}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      forceRender
      data-testid="org-form"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="org-form-error" />}
      {orgUser && <Alert type="info" showIcon message={r('form.districtLocked')} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="horizontal" labelCol={{ flex: '150px' }} labelWrap onFinish={onSubmit} scrollToFirstError>
        {!editing && (
          <Form.Item name="uscc" label={r('form.uscc')} rules={required(r('form.uscc'))} extra={r('form.usccHint')}>
            <Input className="lc-mono" maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={r('form.name')} rules={required(r('form.name'))} extra={r('form.nameHint')}>
          <Input maxLength={200} />
        </Form.Item>
        {editing && (
          <Form.Item name="formerNames" label={r('form.formerNames')}>
            {tags(r('form.tagsHint'))}
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={r('form.kind')} rules={required(r('form.kind'))}>
              <Select disabled={orgUser} options={ORG_KINDS.map((kind) => ({ value: kind, label: r(`kind.${kind}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="district" label={r('form.district')} rules={required(r('form.district'))} labelCol={{ flex: '96px' }}>
              <Select
                disabled={orgUser || districtOfficer}
                options={DISTRICTS.map((district) => ({ value: district, label: districtLabel(t, district) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="industryCode" label={r('form.industryCode')} tooltip={r('form.industryCodeHint')}>
              <Input className="lc-mono" maxLength={5} placeholder="3976" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="registeredOn" label={r('form.registeredOn')} labelCol={{ flex: '96px' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={r('form.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="listed" label={r('form.listed')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={12}>
              <Form.Item name="parentGroup" label={r('form.parentGroup')} labelCol={{ flex: '96px' }}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="keywords" label={r('form.keywords')}>
          {tags(r('form.tagsHint'))}
        </Form.Item>
        <Form.Item name="mainProducts" label={r('form.mainProducts')}>
          {tags(r('form.tagsHint'))}
        </Form.Item>
        {editing && (
          <Form.Item label={r('form.contacts')}>
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((field) => (
                    <Space key={field.key} align="start" wrap>
                      <Form.Item name={[field.name, 'name']} noStyle={false} style={{ marginBottom: 0 }} rules={required(r('form.contactName'))}>
                        <Input placeholder={r('form.contactName')} style={{ width: 110 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'title']} style={{ marginBottom: 0 }}>
                        <Input placeholder={r('form.contactTitle')} style={{ width: 110 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'phone']} style={{ marginBottom: 0 }}>
                        <Input placeholder={r('form.contactPhone')} style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'email']} style={{ marginBottom: 0 }}>
                        <Input placeholder={r('form.contactEmail')} style={{ width: 170 }} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.cancel')} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                    {r('form.addContact')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

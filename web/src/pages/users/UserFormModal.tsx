import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { api, ApiError } from '../../api/client';
import { DISTRICTS, ROLES, type ManagedUser, type Role } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { districtLabel, roleLabel } from '../../format';
import { applyFieldErrors } from '../../components/fieldErrors';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  district?: string | null;
  orgId?: string | null;
  password?: string;
  enabled?: boolean;
}

// Form fields a server field error can be shown next to; other errors go to the alert above the form.
const FIELDS = ['username', 'displayName', 'role', 'district', 'orgId', 'password'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates a user (editing = null) or edits one. The scope follows the role: a district officer
 * has a district, an organisation user an organisation ID (a UUID), other roles neither.
 */
export function UserFormModal({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: ManagedUser | null;
  onClose: () => void;
  onSaved: (user: ManagedUser) => void;
}) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isSelf = editing?.id === me.id;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        username: editing.username,
        displayName: editing.displayName,
        role: editing.role,
        district: editing.district,
        orgId: editing.orgId,
        enabled: !editing.disabled,
      });
    }
  }, [open, editing, form]);

  async function onOk() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    const district = values.role === 'district_officer' ? values.district || null : null;
    const orgId = values.role === 'org_user' ? values.orgId?.trim() || null : null;
    try {
      const saved = editing
        ? await api.patch<ManagedUser>(`/api/users/${encodeURIComponent(editing.id)}`, {
            displayName: values.displayName.trim(),
            role: values.role,
            district,
            orgId,
            disabled: !values.enabled,
          })
        : await api.post<ManagedUser>('/api/users', {
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            role: values.role,
            ...(district ? { district } : {}),
            ...(orgId ? { orgId } : {}),
            password: values.password,
          });
      onSaved(saved);
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      const matched = applyFieldErrors(form, caught, FIELDS);
      if (!matched || caught.fieldErrors.length === 0) setError(caught.detail);
    } finally {
      setSaving(false);
    }
  }

  const required = (field: string) => ({ required: true, whitespace: true, message: t('users.required', { field }) });

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={onOk}
      onCancel={onClose}
      forceRender
      width={560}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="horizontal" style={{ marginTop: 20 }} labelCol={{ span: 7 }} wrapperCol={{ span: 17 }} initialValues={{ role: 'org_user', enabled: true }}>
        <Form.Item name="username" label={t('users.username')} rules={editing ? [] : [required(t('users.username'))]}>
          <Input disabled={Boolean(editing)} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required(t('users.displayName'))]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.required', { field: t('users.role') }) }]}>
          <Select disabled={isSelf} options={ROLES.map((value) => ({ value, label: roleLabel(t, value) }))} />
        </Form.Item>
        {role === 'district_officer' && (
          <Form.Item name="district" label={t('users.district')} rules={[{ required: true, message: t('users.districtRequired') }]}>
            <Select options={DISTRICTS.map((value) => ({ value, label: districtLabel(t, value) }))} />
          </Form.Item>
        )}
        {role === 'org_user' && (
          <Form.Item
            name="orgId"
            label={t('users.orgId')}
            extra={t('users.orgIdHint')}
            rules={[
              { required: true, whitespace: true, message: t('users.orgRequired') },
              { pattern: UUID, message: t('users.orgIdInvalid') },
            ]}
          >
            <Input maxLength={36} className="lc-mono" />
          </Form.Item>
        )}
        {editing ? (
          <Form.Item name="enabled" label={t('users.accountEnabled')} valuePropName="checked">
            <Switch disabled={isSelf} />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.passwordHint')}
            rules={[{ required: true, message: t('users.required', { field: t('users.initialPassword') }) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { api, ApiError } from '../../api/client';
import type { ManagedUser } from '../../api/types';
import { useI18n } from '../../i18n';
import { applyFieldErrors } from '../../components/fieldErrors';
import { NewPasswordFields } from '../../components/NewPasswordFields';

interface Values {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose, onDone }: { user: ManagedUser | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);

  async function onOk() {
    if (!user) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/users/${encodeURIComponent(user.id)}/reset-password`, { newPassword: values.newPassword });
      onDone();
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      if (caught.code === 'auth.password_policy') form.setFields([{ name: 'newPassword', errors: [caught.detail] }]);
      else if (!applyFieldErrors(form, caught, ['newPassword'])) setError(caught.detail);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={Boolean(user)}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={onOk}
      onCancel={onClose}
      forceRender
    >
      <Alert type="info" showIcon message={t('users.resetNotice')} style={{ margin: '16px 0' }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical">
        <NewPasswordFields />
      </Form>
    </Modal>
  );
}

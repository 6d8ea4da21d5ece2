import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { applyFieldErrors } from './fieldErrors';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Changes the signed-in user's password, then reloads the session and calls onDone. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      await refresh();
      message.success(t('password.changed'));
      onDone();
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      if (caught.code === 'auth.invalid_credentials') {
        form.setFields([{ name: 'currentPassword', errors: [caught.detail] }]);
      } else if (caught.code === 'auth.password_policy') {
        form.setFields([{ name: 'newPassword', errors: [caught.detail] }]);
      } else if (!applyFieldErrors(form, caught, ['currentPassword', 'newPassword'])) {
        setError(caught.detail);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 440 }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('users.required', { field: t('password.current') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields />
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}

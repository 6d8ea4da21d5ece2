import { Form, Input } from 'antd';
import { useI18n } from '../i18n';

/**
 * The "new password" and "confirm new password" items of a form whose values include
 * `newPassword` and `confirmPassword`. Shared so that the password policy hint and the
 * must-match rule read the same wherever a password is set. Place inside an antd Form.
 */
export function NewPasswordFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('users.passwordHint')}
        rules={[{ required: true, message: t('users.required', { field: t('password.new') }) }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('users.required', { field: t('password.confirm') }) },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';

/** Above a list whose data failed to load: the server's message and a retry button. Nothing when error is null. */
export function LoadError({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={t('common.loadFailed')}
      description={error}
      action={<Button onClick={onRetry}>{t('common.retry')}</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}

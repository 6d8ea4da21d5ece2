import { Spin } from 'antd';
import { useI18n } from '../i18n';

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" tip={t('app.loading')}>
        <div style={{ width: 160, height: 80 }} />
      </Spin>
    </div>
  );
}

export function ContentSpin() {
  return (
    <div style={{ padding: 64, display: 'flex', justifyContent: 'center' }}>
      <Spin />
    </div>
  );
}

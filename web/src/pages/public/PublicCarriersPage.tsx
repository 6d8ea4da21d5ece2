// 创新载体与产教融合 on the public portal: the carrier registry and the industry–education
// units, read without login (both APIs are public). The staff pages render here without a user:
// no forms, no reports, no chain view.
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import RegistryPage from '../carriers/RegistryPage';
import TalentPage from '../talent/TalentPage';

export default function PublicCarriersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'talent' ? 'talent' : 'carriers';
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setParams(key === 'talent' ? { tab: key } : {})}
      destroyInactiveTabPane
      items={[
        { key: 'carriers', label: t('nav.carriers'), children: <RegistryPage /> },
        { key: 'talent', label: t('nav.talent'), children: <TalentPage /> },
      ]}
    />
  );
}

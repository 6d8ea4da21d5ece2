// The filter bar pieces both cultivation pages share: district (fixed for a district officer),
// industry code and chain map, and the reset / search buttons.
import { Button, Col, Form, Input, Select, Space } from 'antd';
import { DISTRICTS } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { districtLabel } from '../../format';
import { useI18n } from '../../i18n';
import { useApiGet } from '../../components/useApiGet';
import { useCultivationMessages } from './messages';

/** Form columns `district`, `industry` and `chain`; an officer sees their own district, disabled. */
export function DistrictIndustryFields() {
  const { t } = useI18n();
  const { t: c, locale } = useCultivationMessages();
  const user = useCurrentUser();
  const chains = useApiGet<{ items: { id: string; zh: string; en: string }[] }>('/api/chains', {}, 'chains').data?.items ?? [];
  return (
    <>
      <Col xs={24} md={12} xl={6}>
        {user.role === 'district_officer' ? (
          <Form.Item label={c('filter.district')} style={{ marginBottom: 0 }}>
            <Input disabled value={districtLabel(t, user.district)} />
          </Form.Item>
        ) : (
          <Form.Item name="district" label={c('filter.district')} style={{ marginBottom: 0 }}>
            <Select allowClear placeholder={t('common.all')} options={DISTRICTS.map((d) => ({ value: d, label: districtLabel(t, d) }))} />
          </Form.Item>
        )}
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Form.Item name="industry" label={c('filter.industry')} style={{ marginBottom: 0 }}>
          <Input allowClear className="lc-mono" maxLength={5} placeholder={c('filter.industryHint')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Form.Item name="chain" label={c('filter.chain')} style={{ marginBottom: 0 }}>
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('common.all')} data-testid="filter-chain"
            options={chains.map((ch) => ({ value: ch.id, label: locale === 'en-US' ? ch.en : ch.zh }))} />
        </Form.Item>
      </Col>
    </>
  );
}

/** The last column of a filter bar: reset, and search (the form's submit). */
export function FilterButtons({ xl, onReset }: { xl: number; onReset: () => void }) {
  const { t } = useI18n();
  return (
    <Col xs={24} md={12} xl={xl} style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Space>
        <Button onClick={onReset}>{t('common.reset')}</Button>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Space>
    </Col>
  );
}

// The filter bar pieces both cultivation pages share: district (fixed for a district officer)
// and industry code, and the reset / search buttons.
import { Button, Col, Form, Input, Select, Space } from 'antd';
import { DISTRICTS } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { districtLabel } from '../../format';
import { useI18n } from '../../i18n';
import { useCultivationMessages } from './messages';

/** Two form columns, `district` and `industry`; an officer sees their own district, disabled. */
export function DistrictIndustryFields() {
  const { t } = useI18n();
  const { t: c } = useCultivationMessages();
  const user = useCurrentUser();
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

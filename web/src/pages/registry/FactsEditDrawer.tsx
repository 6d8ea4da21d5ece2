// Edits one fiscal year's facts. Money is typed in 万元 and market share in %, as the table
// shows them; only changed fields are sent, and an emptied box clears the value (null).
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Divider, Drawer, Form, InputNumber, Row, Select, Space } from 'antd';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useI18n } from '../../i18n';
import { FACT_GROUPS, FACTS, factsOfGroup, type FactDef, type FactKey } from './facts';
import { factLabel, fromDisplayNumber, toDisplayNumber } from './format';
import { useRegistryMessages } from './messages';
import type { YearFacts } from './types';

type FormValues = Partial<Record<FactKey, number | boolean | null>>;

const NEW_YEAR = -1;
const FACT_KEYS = FACTS.map((fact) => fact.key);

function toForm(def: FactDef, value: number | boolean | null | undefined): number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  return toDisplayNumber(def, value);
}

function fromForm(def: FactDef, value: number | boolean | null | undefined): number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  return fromDisplayNumber(def, value);
}

export function FactsEditDrawer({
  open,
  uscc,
  years,
  initialYear,
  onClose,
  onSaved,
}: {
  open: boolean;
  uscc: string;
  years: YearFacts[];
  initialYear: number | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t: common } = useI18n();
  const { t, locale } = useRegistryMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [choice, setChoice] = useState<number>(NEW_YEAR);
  const [newYear, setNewYear] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const year = choice === NEW_YEAR ? newYear : choice;
  const existing = useMemo(() => years.find((y) => y.fiscalYear === year) ?? null, [years, year]);

  useEffect(() => {
    if (!open) return;
    setChoice(initialYear ?? NEW_YEAR);
    setNewYear(initialYear === null ? new Date().getFullYear() - 1 : null);
    setError(null);
  }, [open, initialYear]);

  // Load the chosen year's values into the form.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(Object.fromEntries(FACTS.map((def) => [def.key, toForm(def, existing?.facts[def.key])])) as FormValues);
  }, [open, existing, form]);

  async function onSubmit(values: FormValues) {
    if (!year) return;
    const patch: FormValues = {};
    for (const def of FACTS) {
      const next = fromForm(def, values[def.key]);
      const before = existing?.facts[def.key] ?? null;
      if (next !== before) patch[def.key] = next;
    }
    const count = Object.keys(patch).length;
    if (count === 0) {
      message.info(t('form.nothingChanged'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.patch<YearFacts>(`/api/orgs/${encodeURIComponent(uscc)}/facts/${year}`, patch);
      message.success(t('facts.saved', { year, count }));
      for (const warning of saved.warnings) message.warning(warning.message);
      onSaved();
    } catch (caught) {
      if (caught instanceof ApiError) {
        applyFieldErrors(form, caught, FACT_KEYS);
        setError(caught.detail);
      } else {
        setError(String(caught));
      }
    } finally {
      setSaving(false);
    }
  }

  const yearOptions = [
    ...[...years].sort((a, b) => b.fiscalYear - a.fiscalYear).map((y) => ({ value: y.fiscalYear, label: t('fiscalYear', { year: y.fiscalYear }) })),
    { value: NEW_YEAR, label: t('facts.newYear') },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('facts.drawerTitle')}
      width={720}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{common('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={!year} onClick={() => form.submit()} data-testid="facts-save">
            {common('common.save')}
          </Button>
        </Space>
      }
      data-testid="facts-drawer"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('facts.year')}：</span>
        <Select value={choice} options={yearOptions} style={{ width: 160 }} onChange={setChoice} data-testid="facts-year" />
        {choice === NEW_YEAR && (
          <InputNumber<number>
            value={newYear}
            min={1990}
            max={2100}
            precision={0}
            onChange={(value) => setNewYear(value)}
            style={{ width: 120 }}
            data-testid="facts-new-year"
          />
        )}
      </Space>
      <Alert type="info" showIcon message={t('facts.clearHint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={onSubmit} scrollToFirstError>
        {FACT_GROUPS.map((group) => (
          <div key={group}>
            <Divider orientation="left" orientationMargin={0} style={{ marginTop: 8 }}>
              {t(`group.${group}`)}
            </Divider>
            <Row gutter={16}>
              {factsOfGroup(group).map((def) => (
                <Col span={12} key={def.key}>
                  <Form.Item name={def.key} label={factLabel(def, locale, t)} style={{ marginBottom: 12 }}>
                    {def.unit === undefined ? (
                      <Select
                        allowClear
                        placeholder={t('facts.unknown')}
                        options={[
                          { value: true, label: t('yes') },
                          { value: false, label: t('no') },
                        ]}
                      />
                    ) : (
                      <InputNumber<number>
                        style={{ width: '100%' }}
                        placeholder={t('facts.unknown')}
                        min={def.unit === 'level' ? 1 : undefined}
                        max={def.unit === 'level' ? 4 : def.unit === 'bp' ? 100 : undefined}
                        precision={def.unit === 'fen' ? undefined : def.unit === 'bp' ? undefined : 0}
                      />
                    )}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>
        ))}
      </Form>
    </Drawer>
  );
}

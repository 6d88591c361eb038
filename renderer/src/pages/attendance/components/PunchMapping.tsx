import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { PUNCH_FIELDS, type PunchField } from '../../../../../shared/api/attendance';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { useT } from '../../../i18n';

export type Mapping = Partial<Record<PunchField, string>>;

/** Which header was read as which field, in words ("工号 ← 考勤号码"). */
export function MappingSummary({ mapping }: { mapping: Mapping }) {
  const t = useT();
  const used = PUNCH_FIELDS.filter((f) => mapping[f]);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 3 }}
      data-testid="import-mapping"
      items={used.map((f) => ({ key: f, label: t(`attendance.import.field.${f}`), children: mapping[f] }))}
    />
  );
}

/**
 * Columns mapped by hand for a file whose headers are not recognised (or to change what was
 * recognised): one dropdown of the file's headers per field, applied to a fresh preview; the
 * mapping can be kept as a preset for the next file of the same machine, or taken from one.
 */
export function MappingEditor({ headers, initial, onApply, busy }: { headers: string[]; initial: Mapping; onApply: (m: Mapping) => void; busy: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Mapping>();
  const [presetName, setPresetName] = useState('');
  const presets = useApiQuery('attendance.import.presets', {});
  const save = useApiMutation('attendance.import.savePreset');
  const options = headers.map((h) => ({ value: h, label: h }));

  const current = (): Mapping => Object.fromEntries(Object.entries(form.getFieldsValue()).filter(([, v]) => typeof v === 'string' && v !== '')) as Mapping;
  const savePreset = async () => {
    try {
      await save.mutateAsync({ name: presetName, mapping: current() });
      void message.success(t('attendance.import.presetSaved', { name: presetName.trim() }));
      setPresetName('');
    } catch (err) {
      onError(err);
    }
  };
  const applyPreset = (name: string) => {
    const preset = presets.data?.find((p) => p.name === name);
    if (!preset) return;
    form.resetFields();
    form.setFieldsValue(preset.mapping);
    onApply(preset.mapping);
  };

  return (
    <div data-testid="import-mapping-editor" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('attendance.import.mappingHint')}</Typography.Paragraph>
      {(presets.data?.length ?? 0) > 0 && (
        <Space style={{ marginBottom: 12 }}>
          {t('attendance.import.usePreset')}
          <Select
            style={{ width: 220 }}
            placeholder={t('attendance.import.pickPreset')}
            options={presets.data!.map((p) => ({ value: p.name, label: p.name }))}
            onChange={applyPreset}
            aria-label={t('attendance.import.usePreset')}
            data-testid="import-preset"
          />
        </Space>
      )}
      <Form form={form} layout="inline" initialValues={initial} onFinish={() => onApply(current())} style={{ rowGap: 8 }}>
        {PUNCH_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={t(`attendance.import.field.${f}`)}>
            <Select allowClear options={options} style={{ width: 160 }} placeholder={t('attendance.import.notInFile')} data-testid={`import-map-${f}`} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="import-apply-mapping">
            {t('attendance.import.applyMapping')}
          </Button>
        </Form.Item>
      </Form>
      <Space.Compact style={{ marginTop: 12 }}>
        <Input
          value={presetName}
          onChange={(e) => setPresetName(e.target.value)}
          onPressEnter={() => presetName.trim() && void savePreset()}
          maxLength={50}
          placeholder={t('attendance.import.presetName')}
          aria-label={t('attendance.import.presetName')}
          style={{ width: 220 }}
        />
        <Button icon={<SaveOutlined />} disabled={!presetName.trim()} loading={save.isPending} onClick={savePreset} data-testid="import-save-preset">
          {t('attendance.import.savePreset')}
        </Button>
      </Space.Compact>
    </div>
  );
}

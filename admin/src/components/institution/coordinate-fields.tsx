import { latitudeError, longitudeError, parsePastedCoordinates } from '@tuoyu/domain';
import { Alert, Button, Form, Input, InputNumber, Space, Typography, type FormInstance } from 'antd';
import { useState } from 'react';

/**
 * GCJ-02 coordinates inside an antd Form: fields `lat` and `lng` checked against China's ranges, and
 * a box to paste a map's coordinate picker output (我的机构 → 位置, and the 变更事项 step). No online
 * map here (the admin runs offline too). Test ids `${testIdPrefix}-lat`, `-lng`, `-paste`, ….
 */
export function CoordinateFields({ form, disabled, testIdPrefix = 'location' }: { form: FormInstance; disabled?: boolean; testIdPrefix?: string }) {
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);

  const applyPaste = () => {
    const parsed = parsePastedCoordinates(paste);
    if ('error' in parsed) {
      setPasteError(parsed.error);
      return;
    }
    setPasteError(null);
    form.setFieldsValue({ lat: parsed.lat, lng: parsed.lng });
    void form.validateFields(['lat', 'lng']);
  };

  return (
    <>
      <div>
        <Typography.Text strong>坐标（GCJ-02，即腾讯地图、高德地图使用的坐标）</Typography.Text>
      </div>
      <Space align="start" wrap style={{ marginTop: 8 }}>
        <Form.Item
          name="lat"
          label="纬度"
          rules={[{ validator: (_, v) => (latitudeError(v) ? Promise.reject(new Error(latitudeError(v) ?? '')) : Promise.resolve()) }]}
        >
          <InputNumber style={{ width: 200 }} step={0.000001} precision={6} stringMode={false} placeholder="例如 35.732400" data-testid={`${testIdPrefix}-lat`} disabled={disabled} />
        </Form.Item>
        <Form.Item
          name="lng"
          label="经度"
          rules={[{ validator: (_, v) => (longitudeError(v) ? Promise.reject(new Error(longitudeError(v) ?? '')) : Promise.resolve()) }]}
        >
          <InputNumber style={{ width: 200 }} step={0.000001} precision={6} placeholder="例如 116.497100" data-testid={`${testIdPrefix}-lng`} disabled={disabled} />
        </Form.Item>
      </Space>
      <Form.Item label="粘贴坐标" extra="在腾讯地图或高德地图的“坐标拾取”中复制坐标后粘贴到这里，自动识别经纬度顺序">
        <Space.Compact style={{ width: 420, maxWidth: '100%' }}>
          <Input
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            placeholder="例如 116.497100,35.732400"
            data-testid={`${testIdPrefix}-paste`}
            disabled={disabled}
            onPressEnter={(e) => {
              e.preventDefault();
              applyPaste();
            }}
          />
          <Button onClick={applyPaste} data-testid={`${testIdPrefix}-paste-apply`} disabled={disabled}>
            识别
          </Button>
        </Space.Compact>
        {pasteError && <Alert type="error" showIcon message={pasteError} style={{ marginTop: 8 }} data-testid={`${testIdPrefix}-paste-error`} />}
      </Form.Item>
    </>
  );
}

import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * The sign-up's check-in QR code: it carries the 6-digit code only (parseCheckInCode in
 * @tuoyu/domain reads it back). Drawn as a grid of views, so it renders the same in WeChat and H5
 * without a canvas.
 */
export function CheckInQr({ code }: { code: string }) {
  const rows = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(code, 'Numeric');
    qr.make();
    const n = qr.getModuleCount();
    return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
  }, [code]);
  return (
    <View className='content-qr' data-testid='my-signup-qr' aria-label={`签到二维码 ${code}`}>
      {rows.map((row, r) => (
        <View key={r} className='content-qr__row'>
          {row.map((dark, c) => <View key={c} className={dark ? 'content-qr__cell content-qr__cell--dark' : 'content-qr__cell'} />)}
        </View>
      ))}
    </View>
  );
}

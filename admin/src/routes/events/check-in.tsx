import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SIGNUP_STATUS_LABELS, formatEventTime, parseCheckInCode, signupStatusText } from '@tuoyu/domain';
import { Alert, App, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { QueryError } from '../../components/common/query-states.tsx';
import { QrScanner } from './qr-scanner.tsx';
import { checkIn, fetchEvent, fetchSignups, recordNoShows } from './queries.ts';

/**
 * 活动签到, made for a phone (≤ 420 px): scan the QR code of the family's sign-up with the camera, or
 * type the 6-digit code under it (the mini-program's 活动详情); the database checks the worker's
 * street and the sign-up's state. After the event, the confirmed who did not come are recorded as
 * no-shows.
 */
export function EventCheckIn() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [last, setLast] = useState<{ ok: boolean; text: string } | null>(null);
  const event = useQuery({ queryKey: ['events', 'event', id], queryFn: () => fetchEvent(id) });
  const signups = useQuery({ queryKey: ['events', 'signups', id], queryFn: () => fetchSignups(id) });
  const refresh = () => client.invalidateQueries({ queryKey: ['events'] });
  const submit = useMutation({
    mutationFn: (value: string) => checkIn(id, value),
    onSuccess: (s) => { setLast({ ok: true, text: `签到成功：${s.attendee_name || '参加人'}（${s.short_code}）` }); setCode(''); void refresh(); },
    onError: (e: Error) => setLast({ ok: false, text: e.message }),
  });
  const noShows = useMutation({
    mutationFn: () => recordNoShows(id),
    onSuccess: (n) => { void message.success(`已记录 ${n} 人未到场`); void refresh(); },
    onError: (e: Error) => void message.error(e.message),
  });

  const onScan = (text: string) => {
    const scanned = parseCheckInCode(text);
    if (!scanned) setLast({ ok: false, text: '这不是活动签到二维码，请扫描小程序“活动详情”中的签到码' });
    else if (!submit.isPending) submit.mutate(scanned);
  };

  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;
  const attended = (signups.data ?? []).filter((s) => s.status === 'attended').length;
  const confirmed = (signups.data ?? []).filter((s) => s.status === 'confirmed' || s.status === 'attended').length;
  return (
    <div style={{ maxWidth: 420, margin: '0 auto' }} data-testid="check-in-page">
      <Card size="small">
        <Typography.Title level={5} style={{ margin: 0 }}>{e?.title ?? '活动签到'}</Typography.Title>
        {e ? <Typography.Text type="secondary">{formatEventTime(e.starts_at, e.ends_at)} · {e.venue}</Typography.Text> : null}
        <div data-testid="check-in-count">已到场 {attended} / 已确认 {confirmed}</div>
      </Card>
      <Card size="small" style={{ marginTop: 12 }}>
        <QrScanner onText={onScan} />
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input size="large" inputMode="numeric" maxLength={6} placeholder="输入6位签到码" value={code}
            onChange={(x) => setCode(x.target.value.replace(/\D/g, ''))} onPressEnter={() => code.length === 6 && submit.mutate(code)} data-testid="check-in-code" />
          <Button size="large" type="primary" disabled={code.length !== 6} loading={submit.isPending} onClick={() => submit.mutate(code)} data-testid="check-in-submit">签到</Button>
        </Space.Compact>
        {last ? <Alert style={{ marginTop: 12 }} type={last.ok ? 'success' : 'error'} message={last.text} data-testid="check-in-result" /> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          请家长打开小程序“活动详情”出示签到二维码；扫不出时输入二维码下方的6位签到码。
        </Typography.Paragraph>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title="报名名单" extra={<Button size="small" onClick={() => noShows.mutate()} loading={noShows.isPending}>记录未到场</Button>}>
        {signups.isError ? <QueryError error={signups.error} /> : null}
        <List
          size="small"
          loading={signups.isPending}
          dataSource={(signups.data ?? []).filter((s) => s.status !== 'cancelled')}
          locale={{ emptyText: '暂无报名' }}
          renderItem={(s) => (
            <List.Item data-testid="check-in-signup">
              <span>{s.attendee_name || (s.attendee_kind === 'child' ? '儿童' : '成人')} · {s.short_code}</span>
              <Tag color={s.status === 'attended' ? 'green' : s.status === 'no_show' ? 'red' : 'default'} title={SIGNUP_STATUS_LABELS[s.status]}>
                {signupStatusText(s.status, s.waitlist_position)}
              </Tag>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

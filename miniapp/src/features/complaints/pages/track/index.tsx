import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, errorMessage } from '@tuoyu/domain';
import { ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useRouteParams } from '../../../../lib/navigation.ts';
import { TRACKING_NO, normalizeTrackingNo, useTrackComplaint, type Tracked } from '../../api/complaints.ts';
import '../complaints.css';

const label = (labels: Record<string, string>, key: string | null) => (key ? labels[key] ?? key : '—');

/** China time (UTC+8) whatever the phone's zone: "2026-12-04 10:15". */
function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function Timeline({ complaint }: { complaint: Tracked }) {
  const steps = (complaint.timeline as { status: string; at: string }[] | null) ?? [];
  return (
    <View className='complaint__card' data-testid='complaint-timeline'>
      <Text className='complaint__title' data-testid='complaint-status'>
        {label(COMPLAINT_STATUS_LABELS, complaint.status)}
      </Text>
      <Text className='complaint__text'>{`${label(COMPLAINT_CATEGORY_LABELS, complaint.category)} · ${complaint.county_name ?? ''}`}</Text>
      {steps.map((s) => (
        <View key={`${s.status}-${s.at}`} className='complaint__step' data-testid='complaint-step'>
          <Text className='complaint__step-name'>{label(COMPLAINT_STATUS_LABELS, s.status)}</Text>
          <Text className='complaint__step-time'>{chinaTime(s.at)}</Text>
        </View>
      ))}
      {complaint.public_result ? (
        <Text className='complaint__result' data-testid='complaint-result'>{`处理结果：${complaint.public_result}`}</Text>
      ) : null}
    </View>
  );
}

/** 投诉进度查询 (`?no=<tracking number>`): the public timeline, no personal data. */
export default function ComplaintTrackPage() {
  const { no } = useRouteParams('complaintTrack');
  const [draft, setDraft] = useState(no ?? '');
  const [trackingNo, setTrackingNo] = useState<string | null>(no ? normalizeTrackingNo(no) : null);
  const [formatError, setFormatError] = useState<string | null>(null);
  const tracked = useTrackComplaint(trackingNo);

  const search = () => {
    const value = normalizeTrackingNo(draft);
    if (!TRACKING_NO.test(value)) return setFormatError('跟踪编号为 TS 加16位数字和字母，请核对后重新输入');
    setFormatError(null);
    setTrackingNo(value);
  };

  let result = null;
  if (trackingNo && TRACKING_NO.test(trackingNo)) {
    if (tracked.isPending) result = <LoadingState text='正在查询…' />;
    else if (tracked.isError) result = <ErrorState message={errorMessage(tracked.error, { reading: true })} onRetry={() => void tracked.refetch()} />;
    else if (!tracked.data) result = <Text className='complaint__error' data-testid='complaint-not-found'>未查询到该跟踪编号</Text>;
    else result = <Timeline complaint={tracked.data} />;
  }

  return (
    <View className='page complaint' data-testid='complaint-track-page'>
      <View className='complaint__card'>
        <Text className='complaint__label'>跟踪编号</Text>
        <Input className='complaint__input' value={draft} onInput={(e) => setDraft(e.detail.value)} placeholder='例如 TS20261204A1B2C3D4' data-testid='complaint-track-input' />
        {formatError ? <Text className='complaint__error'>{formatError}</Text> : null}
        <Button className='complaint__submit' onClick={search} data-testid='complaint-track-submit'>
          查询
        </Button>
      </View>
      {result}
    </View>
  );
}

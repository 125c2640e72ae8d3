import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, errorMessage } from '@tuoyu/domain';
import { ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useRouteParams } from '../../../../lib/navigation.ts';
import {
  MOBILE,
  TRACKING_NO,
  normalizeTrackingNo,
  useComplaintReply,
  useRateComplaint,
  useTrackComplaint,
  type Tracked,
} from '../../api/complaints.ts';
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

/**
 * 投诉人查看答复: the complainant enters the mobile number they left and reads the full reply
 * (complaint_reply); once closed they rate the handling (rate_complaint).
 */
function ComplainantReply({ trackingNo }: { trackingNo: string }) {
  const [mobile, setMobile] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const reply = useComplaintReply();
  const rate = useRateComplaint();
  const load = () => {
    if (!MOBILE.test(mobile.trim())) return setProblem('请填写投诉时留下的11位手机号');
    setProblem(null);
    reply.mutate({ trackingNo, mobile: mobile.trim() });
  };
  const data = reply.data;
  return (
    <View className='complaint__card' data-testid='complaint-reply-card'>
      <Text className='complaint__title'>投诉人查看答复</Text>
      <Text className='complaint__text'>输入投诉时留下的手机号，查看卫生健康部门给您的答复并评价办理情况。</Text>
      <Input className='complaint__input' type='number' maxlength={11} value={mobile} onInput={(e) => setMobile(e.detail.value)} placeholder='手机号' data-testid='complaint-reply-mobile' />
      {problem || reply.error ? <Text className='complaint__error'>{problem ?? errorMessage(reply.error)}</Text> : null}
      <Button className='complaint__submit' loading={reply.isPending} onClick={load} data-testid='complaint-reply-load'>查看答复</Button>
      {reply.isSuccess && !data ? <Text className='complaint__error' data-testid='complaint-reply-none'>手机号与投诉记录不符</Text> : null}
      {data ? (
        <View data-testid='complaint-reply'>
          {data.replies.length === 0 ? <Text className='complaint__text'>尚未答复，办结时将在这里告知您处理情况。</Text> : null}
          {data.replies.map((r) => (
            <Text key={r.at} className='complaint__reply' data-testid='complaint-reply-text'>{`${chinaTime(r.at)} ${r.note}`}</Text>
          ))}
          {data.rating ? (
            <Text className='complaint__text' data-testid='complaint-rated'>{`您的评价：${data.rating}星${data.rating_comment ? ` · ${data.rating_comment}` : ''}`}</Text>
          ) : data.status === 'closed' ? (
            <View>
              <Text className='complaint__label'>评价办理情况</Text>
              <View className='complaint__stars'>
                {[1, 2, 3, 4, 5].map((n) => (
                  <Text key={n} className={`complaint__star ${n <= stars ? 'complaint__star--on' : ''}`} onClick={() => setStars(n)} data-testid={`complaint-star-${n}`}>★</Text>
                ))}
              </View>
              <Textarea className='complaint__textarea' value={comment} maxlength={500} onInput={(e) => setComment(e.detail.value)} placeholder='说说您的看法（选填）' data-testid='complaint-rate-comment' />
              {rate.error ? <Text className='complaint__error'>{errorMessage(rate.error)}</Text> : null}
              <Button
                className='complaint__submit'
                loading={rate.isPending}
                disabled={stars === 0 || rate.isPending}
                data-testid='complaint-rate-submit'
                onClick={() => rate.mutate(
                  { trackingNo, mobile: mobile.trim(), rating: stars, comment: comment.trim() || undefined },
                  { onSuccess: () => reply.mutate({ trackingNo, mobile: mobile.trim() }) },
                )}
              >
                提交评价
              </Button>
            </View>
          ) : null}
        </View>
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
    else result = (
      <>
        <Timeline complaint={tracked.data} />
        <ComplainantReply key={trackingNo} trackingNo={trackingNo} />
      </>
    );
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

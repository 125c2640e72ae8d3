/** 评价: rate an institution after a placement or a visit (once per child a year), five dimensions. */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { errorMessage, formatChinaDateTime, REVIEW_DIMENSIONS, type ReviewDimension } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { useSession } from '../../../../lib/session.ts';
import { actionError, useChildren, useMyReviews, useSubmitReview } from '../../api/use-family.ts';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';

export default function ReviewsPage() {
  const { institution, child: childParam } = useRouteParams('familyReviews');
  const session = useSession();
  const children = useChildren();
  const submit = useSubmitReview();
  const [stars, setStars] = useState<Record<ReviewDimension, number>>({ care: 5, safety: 5, meals: 5, communication: 5, fees: 5 });
  const [body, setBody] = useState('');
  const [childId, setChildId] = useState(childParam ?? '');
  const [message, setMessage] = useState('');
  if (!session) return <View className='page'><SignInRequired what='评价机构' /></View>;
  if (!institution) return <MyReviews />;
  const child = childId || children.data?.[0]?.id || '';
  const send = () => {
    if (body.trim().length < 5) return setMessage('评价内容至少5个字');
    submit.mutate({ child, institution, ...stars, body: body.trim() },
      { onSuccess: () => { setMessage('评价已提交，感谢您的反馈'); navigate('familyRequests'); }, onError: (e) => setMessage(actionError(e)) });
  };
  return (
    <View className='page' data-testid='review-page'>
      <View className='family__card'>
        {(children.data ?? []).length > 1 ? (
          <View>
            {(children.data ?? []).map((c) => (
              <Text key={c.id} className={`family__choice ${child === c.id ? 'family__choice--on' : ''}`} onClick={() => setChildId(c.id)}>{c.name}</Text>
            ))}
          </View>
        ) : null}
        {REVIEW_DIMENSIONS.map((d) => (
          <View key={d.key} className='family__row' data-testid={`review-${d.key}`}>
            <Text className='family__label'>{d.label}</Text>
            <View>
              {[1, 2, 3, 4, 5].map((n) => (
                <Text key={n} className='family__stars' onClick={() => setStars({ ...stars, [d.key]: n })}>{n <= stars[d.key] ? '★' : '☆'}</Text>
              ))}
            </View>
          </View>
        ))}
        <Textarea className='family__input family__field' placeholder='说说孩子在这里的情况（5～500字）' value={body} maxlength={500}
          onInput={(e) => setBody(e.detail.value)} data-testid='review-body' />
        <Button className='family__button' loading={submit.isPending} onClick={send} data-testid='review-submit'>提交评价</Button>
        {message ? <Text className='family__label' data-testid='review-message'>{message}</Text> : null}
        <Text className='family__label'>在托或离园12个月内、或参观后可评价，每名孩子每年一次；评价公开时隐去您的姓名。</Text>
      </View>
    </View>
  );
}

/** 我的评价: what I wrote, the institution's reply, and the reason when the county hid it. */
function MyReviews() {
  const reviews = useMyReviews();
  if (reviews.isPending) return <LoadingState />;
  if (reviews.isError) return <ErrorState message={errorMessage(reviews.error, { reading: true })} onRetry={() => void reviews.refetch()} />;
  return (
    <View className='page' data-testid='my-reviews-page'>
      {reviews.data.length === 0 ? <EmptyState text='还没有评价' hint='孩子入托或参观后，可在“入托申请”中评价机构' /> : null}
      {reviews.data.map((r) => (
        <View key={r.id} className='family__card' data-testid='my-review'>
          <Text className='family__title'>{r.institution_name}</Text>
          {REVIEW_DIMENSIONS.map((d) => (
            <View key={d.key} className='family__row'>
              <Text className='family__label'>{d.label}</Text>
              <Text className='family__stars'>{'★'.repeat(r[d.key])}{'☆'.repeat(5 - r[d.key])}</Text>
            </View>
          ))}
          <Text className='family__text'>{r.body}</Text>
          {r.reply ? <Text className='family__text' data-testid='my-review-reply'>{`机构回复：${r.reply}`}</Text> : null}
          {r.hidden ? <Text className='family__error' data-testid='my-review-hidden'>{`该评价已被隐藏，理由：${r.hidden_reason ?? ''}`}</Text> : null}
          <Text className='family__label'>{formatChinaDateTime(r.created_at)}</Text>
        </View>
      ))}
    </View>
  );
}

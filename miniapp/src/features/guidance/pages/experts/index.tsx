import { Button, Text, View } from '@tarojs/components';
import { CONSULTATION_MODE_LABELS, formatEventTime, placesText, signupStatusText, errorMessage } from '@tuoyu/domain';
import { DemoSignIn, useSession } from '../../../../components/demo-sign-in.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useBookingActions, useExperts, useMyBookings } from '../../api/use-guidance.ts';
import '../../../content.css';


/** 专家咨询: experts of the guidance centres, their upcoming slots, book and cancel. */
export default function ExpertsPage() {
  const experts = useExperts();
  const { session, ready } = useSession();
  const mine = useMyBookings(session?.user.id);
  const { book, cancel } = useBookingActions();

  if (experts.isPending) return <LoadingState text='正在加载专家…' />;
  if (experts.isError) return <ErrorState message={errorMessage(experts.error, { reading: true })} onRetry={() => void experts.refetch()} />;
  if (experts.data.length === 0) return <EmptyState text='暂无专家信息' />;
  const bookingOf = (slotId: string) => mine.data?.find((b) => b.slot_id === slotId);

  return (
    <View className='page content-page' data-testid='experts-page'>
      {ready && !session ? <DemoSignIn reason='登录后可预约专家咨询' /> : null}
      {book.isError ? <Text className='content-message' data-testid='booking-error'>{errorMessage(book.error)}</Text> : null}
      {cancel.isError ? <Text className='content-message'>{errorMessage(cancel.error)}</Text> : null}
      {experts.data.map((e) => (
        <View key={e.id} className='content-card' data-testid='expert-card'>
          <Text className='content-title'>{`${e.name} · ${e.title}`}</Text>
          <Text className='content-muted'>{`${e.guidance_centers?.name ?? ''} · 专长：${e.speciality}`}</Text>
          {e.slots.length === 0 ? <Text className='content-muted'>近期暂无可预约时段</Text> : null}
          {e.slots.map((s) => {
            const booking = bookingOf(s.id);
            return (
              <View key={s.id} className='content-table__row' data-testid='slot-row'>
                <View className='content-table__cell'>
                  <Text className='content-muted'>{`${formatEventTime(s.starts_at, s.ends_at)} · ${CONSULTATION_MODE_LABELS[s.mode]}`}</Text>
                  <Text className={`content-places${(s.free_places ?? 0) > 0 ? '' : ' content-places--full'}`}>{placesText(s.free_places, s.waitlist_count)}</Text>
                </View>
                {!session ? null : booking ? (
                  <View>
                    <Text className='content-muted' data-testid='slot-booking-status'>{signupStatusText(booking.status, booking.waitlist_position)}</Text>
                    <Button size='mini' onClick={() => cancel.mutate(booking.id)} data-testid='slot-cancel'>取消</Button>
                  </View>
                ) : (
                  <Button size='mini' className='content-button' onClick={() => book.mutate(s.id)} data-testid='slot-book'>
                    {(s.free_places ?? 0) > 0 ? '预约' : '候补'}
                  </Button>
                )}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}

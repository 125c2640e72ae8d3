/**
 * 家长评价 on the public institution page (issue 12): the average per dimension of the visible
 * reviews (public.institution_rating), their number, and the recent texts with the author masked
 * and the institution's reply. Its own component so the page layout can move it freely.
 */
import { Text, View } from '@tarojs/components';
import { REVIEW_DIMENSIONS, formatDate } from '@tuoyu/domain';
import type { PublicReview, Rating } from '../api/use-institution.ts';
import { Section, SectionEmpty } from './institution/section.tsx';

export function InstitutionRatings({ rating, reviews }: { rating: Rating | null; reviews: PublicReview[] }) {
  return (
    <Section title='家长评价' testId='institution-rating'>
      {rating && rating.reviews > 0 ? (
        <View>
          <Text className='institution__class-name' data-testid='institution-rating-overall'>
            {`综合 ${rating.overall?.toFixed(1) ?? '—'} 分 · ${rating.reviews} 条评价`}
          </Text>
          {REVIEW_DIMENSIONS.map((d) => (
            <View key={d.key} className='institution__row'>
              <Text className='institution__key'>{d.label}</Text>
              <Text className='institution__value' data-testid={`institution-rating-${d.key}`}>{`${rating[d.key]?.toFixed(1) ?? '—'} 星`}</Text>
            </View>
          ))}
        </View>
      ) : (
        <SectionEmpty testId='institution-rating-empty' text='暂无家长评价' hint='在该机构入托或参观过的家庭可在“我的”中评价' />
      )}
      {reviews.map((r) => (
        <View key={r.id} className='institution__review' data-testid='institution-review'>
          <Text className='muted'>{`${r.authorLabel} · ${formatDate(r.createdAt)}`}</Text>
          <Text className='institution__description'>{r.body}</Text>
          {r.reply ? <Text className='muted'>{`机构回复：${r.reply}`}</Text> : null}
        </View>
      ))}
    </Section>
  );
}

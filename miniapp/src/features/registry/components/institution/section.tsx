/**
 * One section of the institution page: a title and a card. Every section is its own component and
 * the page lists them one line each (pages/institution/index.tsx) — add a section there.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { errorMessage } from '@tuoyu/domain';

export function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <View data-testid={`${testId}-section`}>
      <Text className='institution__section'>{title}</Text>
      <View className='institution__card' data-testid={testId}>
        {children}
      </View>
    </View>
  );
}

/** A section's empty state: what is missing and why, never a blank card. */
export function SectionEmpty({ text, hint, testId }: { text: string; hint?: string; testId: string }) {
  return (
    <View className='institution__empty' data-testid={testId}>
      <Text className='institution__empty-text'>{text}</Text>
      {hint ? <Text className='muted'>{hint}</Text> : null}
    </View>
  );
}

/** Loading / error of a section's own query (the rest of the page stays usable). */
export function SectionQueryState({ query, loadingText }: { query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; loadingText: string }) {
  if (query.isPending) return <LoadingState text={loadingText} />;
  if (query.isError) return <ErrorState message={errorMessage(query.error, { reading: true })} onRetry={() => void query.refetch()} />;
  return <EmptyState text='暂无信息' />;
}

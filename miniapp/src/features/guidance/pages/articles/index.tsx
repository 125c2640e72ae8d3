import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ARTICLE_TOPIC_LABELS, ageBandText, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useRouteParams } from '../../../../lib/navigation.ts';
import { useSession } from '../../../../components/demo-sign-in.tsx';
import { useArticles, useMyChildrenAges } from '../../api/use-guidance.ts';
import '../../../content.css';

const AGES = [
  { months: 3, label: '0-6个月' },
  { months: 9, label: '6-12个月' },
  { months: 18, label: '1-2岁' },
  { months: 30, label: '2-3岁' },
] as const;

/** 科学育儿: articles for a child's age (months); tap to read. */
export default function ArticlesPage() {
  const params = useRouteParams('articles');
  const { session } = useSession();
  const children = useMyChildrenAges(session?.user.id);
  const [chosen, setAge] = useState<number | null>(Number(params.age) >= 0 && params.age ? Number(params.age) : null);
  // the family's own children first: the youngest child's age unless an age was chosen
  const age = chosen ?? children.data?.[children.data.length - 1]?.months ?? 18;
  const [open, setOpen] = useState<string | undefined>();
  const articles = useArticles(age);

  let body;
  if (articles.isPending) body = <LoadingState text='正在加载文章…' />;
  else if (articles.isError) body = <ErrorState message={errorMessage(articles.error, { reading: true })} onRetry={() => void articles.refetch()} />;
  else if (articles.data.length === 0) body = <EmptyState text='这个月龄暂无文章' hint='换个月龄看看' />;
  else
    body = articles.data.map((a) => (
      <View key={a.id} className='content-card' data-testid='article-card' onClick={() => setOpen(open === a.id ? undefined : a.id)}>
        <Text className='content-tag'>{ARTICLE_TOPIC_LABELS[a.topic]}</Text>
        <Text className='content-tag'>{ageBandText(a.min_age_months, a.max_age_months)}</Text>
        <Text className='content-title'>{a.title}</Text>
        <Text className='content-muted'>{a.summary}</Text>
        {open === a.id ? <Text className='content-text'>{a.body}</Text> : null}
      </View>
    ));

  return (
    <View className='page content-page' data-testid='articles-page'>
      {children.data && children.data.length > 0 ? (
        <View className='content-chips' data-testid='articles-children'>
          {children.data.map((c) => (
            <Text key={c.id} className={`content-chip${age === c.months ? ' content-chip--active' : ''}`} onClick={() => setAge(c.months)}>
              {`${c.name}（${c.months}个月）`}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='content-chips'>
        {AGES.map((a) => (
          <Text key={a.months} className={`content-chip${age === a.months ? ' content-chip--active' : ''}`} onClick={() => setAge(a.months)}>{a.label}</Text>
        ))}
      </View>
      {body}
    </View>
  );
}

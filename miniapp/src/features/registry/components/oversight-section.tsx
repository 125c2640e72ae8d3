import { Text, View } from '@tarojs/components';
import { COMPLAINT_CATEGORY_LABELS, INSPECTION_RESULT_LABELS, RECTIFICATION_STATUS_LABELS, formatDate } from '@tuoyu/domain';
import { useOversightRecord, type OversightRecord } from '../api/use-oversight-record.ts';
import { Section, SectionEmpty, SectionQueryState } from './institution/section.tsx';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

function rectificationText(r: NonNullable<OversightRecord['inspections'][number]['rectification']>): string {
  const status = label(RECTIFICATION_STATUS_LABELS, r.status);
  return r.closed_on ? `整改：${status}（${formatDate(r.closed_on)} 复查通过）` : `整改：${status}（期限 ${formatDate(r.deadline_on)}）`;
}

/**
 * 监督检查与投诉处理 (issue 13 §4): the institution's public oversight record of the last 5 years —
 * inspection dates, results and rectification status, and the results of closed complaints
 * (`public_oversight_record`, readable by anyone, no personal data). A section of the institution
 * page, with its own loading and error state.
 */
export function OversightSection({ institutionId }: { institutionId: string }) {
  const record = useOversightRecord(institutionId);
  if (!record.data) {
    return (
      <Section title='监督检查（近5年）' testId={record.isSuccess ? 'institution-inspections' : 'institution-oversight-pending'}>
        {record.isSuccess ? (
          <SectionEmpty testId='institution-inspections-empty' text='近5年暂无检查记录' />
        ) : (
          <SectionQueryState query={record} loadingText='正在加载检查记录…' />
        )}
      </Section>
    );
  }
  const { inspections, complaints } = record.data;
  return (
    <View data-testid='institution-oversight'>
      <Section title='监督检查（近5年）' testId='institution-inspections'>
        {inspections.length === 0 ? (
          <SectionEmpty testId='institution-inspections-empty' text='近5年暂无检查记录' hint='卫生健康等部门检查后，结果会在这里公开' />
        ) : null}
        {inspections.map((i) => (
          <View key={`${i.inspected_on}-${i.result}-${i.summary ?? ''}`} className='institution__class' data-testid='institution-inspection' data-result={i.result}>
            <Text className='institution__class-name'>{`${formatDate(i.inspected_on)} · ${label(INSPECTION_RESULT_LABELS, i.result)}`}</Text>
            {i.departments.length > 0 ? <Text className='muted'>{`检查部门：${i.departments.join('、')}`}</Text> : null}
            {i.summary ? <Text className='muted'>{i.summary}</Text> : null}
            {i.rectification ? (
              <Text className='muted' data-testid='institution-rectification' data-status={i.rectification.status}>
                {rectificationText(i.rectification)}
              </Text>
            ) : null}
          </View>
        ))}
      </Section>
      <Section title='投诉处理结果（近5年）' testId='institution-complaints'>
        {complaints.length === 0 ? <SectionEmpty testId='institution-complaints-empty' text='近5年暂无办结的投诉' /> : null}
        {complaints.map((c) => (
          <View key={`${c.closed_on}-${c.result}`} className='institution__class' data-testid='institution-complaint'>
            <Text className='institution__class-name'>{`${formatDate(c.closed_on)} · ${label(COMPLAINT_CATEGORY_LABELS, c.category)}`}</Text>
            <Text className='muted'>{c.result}</Text>
          </View>
        ))}
      </Section>
    </View>
  );
}

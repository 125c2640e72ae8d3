/** 空余托位 per class type (class_vacancies), above the class list. */
import { Text, View } from '@tarojs/components';
import { useVacancies } from '../../api/use-institution-extras.ts';
import { vacanciesByType } from '../../model/search.ts';

export function VacancySummary({ institutionId }: { institutionId: string }) {
  const vacancies = useVacancies(institutionId);
  if (!vacancies.data || vacancies.data.length === 0) return null;
  return (
    <View className='institution__vacancies' data-testid='institution-vacancies'>
      {vacanciesByType(vacancies.data).map((row) => (
        <View key={row.classType} className='institution__vacancy-type' data-testid='institution-vacancy-type'>
          <Text className='institution__vacancy-label'>{row.label}</Text>
          <Text className={row.vacancies > 0 ? 'institution__vacancy-count' : 'institution__vacancy-none'}>
            {row.vacancies > 0 ? `空位 ${row.vacancies}` : '已满'}
          </Text>
        </View>
      ))}
    </View>
  );
}

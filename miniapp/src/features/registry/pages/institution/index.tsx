import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  CLASS_TYPE_LABELS,
  errorMessage,
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_TYPE_LABELS,
  OPERATING_MODEL_LABELS,
  OWNERSHIP_LABELS,
  SERVICE_LABELS,
  formatChinaDateTime,
  formatDate,
} from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { LocationSection } from '../../components/institution/location-section.tsx';
import { PhotosSection } from '../../components/institution/photos-section.tsx';
import { Section, SectionEmpty } from '../../components/institution/section.tsx';
import { VacancySummary } from '../../components/institution/vacancy-summary.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { InstitutionRatings } from '../../components/institution-ratings.tsx';
import { OversightSection } from '../../components/oversight-section.tsx';
import { UUID, useInstitution, type InstitutionDetail } from '../../api/use-institution.ts';
import '../../components/chips.css';
import './index.css';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

function Row({ name, children, testId }: { name: string; children: string; testId?: string }) {
  return (
    <View className='institution__row'>
      <Text className='institution__key'>{name}</Text>
      <Text className='institution__value' data-testid={testId}>
        {children}
      </Text>
    </View>
  );
}

/** 概况: name, filing, nature, services, hours, phone. */
function Summary({ institution }: { institution: InstitutionDetail }) {
  const call = () => {
    // a home point's personal mobile is public only masked (138****1234): nothing to dial
    if (institution.contactPhone && !institution.contactPhone.includes('*')) {
      void Taro.makePhoneCall({ phoneNumber: institution.contactPhone }).catch(() => undefined);
    }
  };
  return (
    <View className='institution__card' data-testid='institution-summary'>
      <Text className='institution__name' data-testid='institution-name'>
        {institution.name}
      </Text>
      <View className='institution__tags'>
        <Text className={`tag ${institution.status === 'filed' ? 'tag--green' : 'tag--orange'}`} data-testid='institution-filing-status'>
          {label(INSTITUTION_STATUS_LABELS, institution.status)}
        </Text>
        {institution.affordable ? <Text className='tag tag--orange'>普惠</Text> : null}
        <Text className='tag'>{label(INSTITUTION_TYPE_LABELS, institution.type)}</Text>
      </View>
      <Row name='备案编号' testId='institution-filing-no'>
        {institution.filingNo ?? '—'}
      </Row>
      <Row name='备案日期'>{formatDate(institution.filedAt)}</Row>
      <Row name='举办性质'>{`${label(OWNERSHIP_LABELS, institution.ownership)} · ${label(OPERATING_MODEL_LABELS, institution.operatingModel)}`}</Row>
      <Row name='服务类型'>{institution.services.map((s) => label(SERVICE_LABELS, s)).join('、') || '—'}</Row>
      <Row name='服务时间'>{institution.openingHours ?? '—'}</Row>
      <Row name='膳食'>{institution.mealsServed ? '提供' : '不提供'}</Row>
      <View className='institution__row'>
        <Text className='institution__key'>电话</Text>
        <Text className='institution__value institution__phone' data-testid='institution-contact' onClick={call}>
          {institution.contactPhone ?? '—'}
        </Text>
      </View>
      {institution.statusReason ? (
        <Text className='institution__description' data-testid='institution-status-reason'>{`${label(INSTITUTION_STATUS_LABELS, institution.status)}：${institution.statusReason}`}</Text>
      ) : null}
      {institution.description ? <Text className='institution__description'>{institution.description}</Text> : null}
    </View>
  );
}

/** 班级与托位: free places per class type, each class, and the way to apply or visit. */
function ClassesSection({ institution }: { institution: InstitutionDetail }) {
  return (
    <Section title='班级与托位' testId='institution-classes'>
      <VacancySummary institutionId={institution.id} />
      {institution.classes.length === 0 ? <SectionEmpty testId='institution-classes-empty' text='暂无班级信息' /> : null}
      {institution.classes.map((c) => (
        <View key={c.id} className='institution__class' data-testid='institution-class'>
          <Text className='institution__class-name'>{`${c.name}（${label(CLASS_TYPE_LABELS, c.classType)}）`}</Text>
          <Text className='muted'>{`${c.minAgeMonths}～${c.maxAgeMonths} 个月 · 托位 ${c.capacity} 个 · 在托 ${c.enrolled} 人`}</Text>
          <Text className={c.capacity > c.enrolled ? 'institution__vacancy' : 'muted'} data-testid='institution-class-vacancy'>
            {`${c.capacity > c.enrolled ? `空位 ${c.capacity - c.enrolled} 个` : '暂无空位'} · 更新于 ${formatChinaDateTime(c.updatedAt)}`}
          </Text>
        </View>
      ))}
      <View className='institution__apply'>
        <Button className='institution__apply-button' onClick={() => navigate('familyApply', { institution: institution.id })} data-testid='institution-apply'>
          申请入托
        </Button>
        <Button className='institution__visit-button' onClick={() => navigate('familyApply', { institution: institution.id, visit: '1' })}
          data-testid='institution-visit'>
          预约参观
        </Button>
      </View>
    </Section>
  );
}

/** 收费项目 and the prepayment terms. */
function FeesSection({ institution }: { institution: InstitutionDetail }) {
  return (
    <Section title='收费项目' testId='institution-fees'>
      {institution.fees.length === 0 ? <SectionEmpty testId='institution-fees-empty' text='暂未公布收费信息' /> : null}
      {institution.fees.map((fee) => (
        <View key={fee.name} className='institution__row' data-testid='institution-fee'>
          <Text className='institution__key'>{fee.name}</Text>
          <Text className='institution__value'>{`${fee.amount} ${fee.unit}`}</Text>
        </View>
      ))}
      {institution.prepaymentTerms ? (
        <Text className='institution__description'>{`预收费及退费：${institution.prepaymentTerms}`}</Text>
      ) : null}
    </Section>
  );
}

/** Source note and 投诉举报. */
function Footer({ institution }: { institution: InstitutionDetail }) {
  return (
    <View>
      <Text className='institution__note'>以上信息来自托育机构备案，以当地卫生健康部门公布为准。</Text>
      <Text
        className='institution__complain'
        data-testid='institution-complain'
        onClick={() => navigate('complaintNew', { institution: institution.id, name: institution.name })}
      >
        投诉举报
      </Text>
    </View>
  );
}

/**
 * The page's sections, one line each, top to bottom. Another feature adds its section as its own
 * component (taking the institution or its id) and one line here.
 */
function Detail({ institution }: { institution: InstitutionDetail }) {
  return (
    <View>
      <Summary institution={institution} />
      <LocationSection institution={institution} />
      <PhotosSection institutionId={institution.id} />
      <ClassesSection institution={institution} />
      <InstitutionRatings rating={institution.rating} reviews={institution.reviews} />
      <FeesSection institution={institution} />
      <OversightSection institutionId={institution.id} />
      <Footer institution={institution} />
    </View>
  );
}

/** 机构详情 (`?id=<uuid>`): what a family may know about a filed institution. */
export default function InstitutionPage() {
  const { id } = useRouteParams('institution');
  const institution = useInstitution(id);

  let body;
  if (!id || !UUID.test(id)) body = <ErrorState message='链接无效：缺少机构编号，请返回上一页重新选择' />;
  else if (institution.isPending) body = <LoadingState text='正在加载机构信息…' />;
  else if (institution.isError) body = <ErrorState message={errorMessage(institution.error, { reading: true })} onRetry={() => void institution.refetch()} />;
  else if (!institution.data) body = <EmptyState text='未找到该机构' hint='该机构可能尚未备案或已注销备案' />;
  else body = <Detail institution={institution.data} />;

  return (
    <View className='page institution' data-testid='institution-page'>
      {body}
    </View>
  );
}

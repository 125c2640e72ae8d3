import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  CLASS_TYPE_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  INSPECTION_RESULT_LABELS,
  errorMessage,
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_TYPE_LABELS,
  OPERATING_MODEL_LABELS,
  OWNERSHIP_LABELS,
  RECTIFICATION_STATUS_LABELS,
  REVIEW_DIMENSIONS,
  SERVICE_LABELS,
  formatChinaDateTime,
  formatDate,
} from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { useOversightRecord } from '../../api/use-oversight-record.ts';
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

function Detail({ institution }: { institution: InstitutionDetail }) {
  const homeBased = institution.type === 'home_based';
  const area = institution.areaNames.join('');
  const address = homeBased ? `${area}（家庭托育点仅公开所在区域）` : institution.publicAddress ?? area;
  const call = () => {
    // a home point's personal mobile is public only masked (138****1234): nothing to dial
    if (institution.contactPhone && !institution.contactPhone.includes('*')) {
      void Taro.makePhoneCall({ phoneNumber: institution.contactPhone }).catch(() => undefined);
    }
  };
  return (
    <View>
      <View className='institution__card'>
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
        <Row name='地址' testId='institution-address'>
          {address}
        </Row>
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

      <Text className='institution__section'>班级与托位</Text>
      <View className='institution__card' data-testid='institution-classes'>
        {institution.classes.length === 0 ? <Text className='muted'>暂无班级信息</Text> : null}
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
      </View>

      <Text className='institution__section'>家长评价</Text>
      <View className='institution__card' data-testid='institution-rating'>
        {institution.rating ? (
          <View>
            <Text className='institution__class-name' data-testid='institution-rating-overall'>
              {`综合 ${institution.rating.overall?.toFixed(1) ?? '—'} 分 · ${institution.rating.reviews} 条评价`}
            </Text>
            {REVIEW_DIMENSIONS.map((d) => (
              <Row key={d.key} name={d.label}>{`${institution.rating?.[d.key]?.toFixed(1) ?? '—'} 星`}</Row>
            ))}
          </View>
        ) : (
          <Text className='muted'>暂无评价</Text>
        )}
        {institution.reviews.map((r) => (
          <View key={r.id} className='institution__review' data-testid='institution-review'>
            <Text className='muted'>{`${r.authorLabel} · ${formatDate(r.createdAt)}`}</Text>
            <Text className='institution__description'>{r.body}</Text>
            {r.reply ? <Text className='muted'>{`机构回复：${r.reply}`}</Text> : null}
          </View>
        ))}
      </View>

      <Text className='institution__section'>收费项目</Text>
      <View className='institution__card' data-testid='institution-fees'>
        {institution.fees.length === 0 ? <Text className='muted'>暂未公布收费信息</Text> : null}
        {institution.fees.map((fee) => (
          <View key={fee.name} className='institution__row' data-testid='institution-fee'>
            <Text className='institution__key'>{fee.name}</Text>
            <Text className='institution__value'>{`${fee.amount} ${fee.unit}`}</Text>
          </View>
        ))}
        {institution.prepaymentTerms ? (
          <Text className='institution__description'>{`预收费及退费：${institution.prepaymentTerms}`}</Text>
        ) : null}
      </View>
      <Oversight institutionId={institution.id} />
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

/** 监督检查与投诉处理: the last 5 years of inspections, rectifications and closed complaints. */
function Oversight({ institutionId }: { institutionId: string }) {
  const record = useOversightRecord(institutionId);
  if (!record.data) return null;
  const { inspections, complaints } = record.data;
  return (
    <>
      <Text className='institution__section'>监督检查（近5年）</Text>
      <View className='institution__card' data-testid='institution-inspections'>
        {inspections.length === 0 ? <Text className='muted'>近5年暂无检查记录</Text> : null}
        {inspections.map((i) => (
          <View key={`${i.inspected_on}-${i.result}`} className='institution__class' data-testid='institution-inspection'>
            <Text className='institution__class-name'>{`${formatDate(i.inspected_on)} · ${label(INSPECTION_RESULT_LABELS, i.result)}`}</Text>
            {i.summary ? <Text className='muted'>{i.summary}</Text> : null}
            {i.rectification ? (
              <Text className='muted'>{`整改：${label(RECTIFICATION_STATUS_LABELS, i.rectification.status)}（期限 ${formatDate(i.rectification.deadline_on)}）`}</Text>
            ) : null}
          </View>
        ))}
      </View>
      <Text className='institution__section'>投诉处理结果（近5年）</Text>
      <View className='institution__card' data-testid='institution-complaints'>
        {complaints.length === 0 ? <Text className='muted'>近5年暂无办结的投诉</Text> : null}
        {complaints.map((c) => (
          <View key={`${c.closed_on}-${c.result}`} className='institution__class' data-testid='institution-complaint'>
            <Text className='institution__class-name'>{`${formatDate(c.closed_on)} · ${label(COMPLAINT_CATEGORY_LABELS, c.category)}`}</Text>
            <Text className='muted'>{c.result}</Text>
          </View>
        ))}
      </View>
    </>
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

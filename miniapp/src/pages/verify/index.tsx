import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { ErrorState, LoadingState } from '../../components/state-view.tsx';
import { errorMessage, filingNoProblem, INSTITUTION_TYPE_LABELS, isFilingNo, labelOf } from '@tuoyu/domain';
import { navigate, useRouteParams } from '../../lib/navigation.ts';
import { normalizeFilingNo, useVerifyFiling, type VerifiedFiling } from './api/use-verify-filing.ts';
import './index.css';
import { formatDate } from '@tuoyu/domain';

function Verdict({ filingNo, filing }: { filingNo: string; filing: VerifiedFiling | null }) {
  if (!filing) {
    return (
      <View className='verify__card verify__card--invalid' data-testid='verify-invalid'>
        <Text className='verify__verdict'>未查询到该备案号</Text>
        <Text className='verify__text'>备案号 {filingNo} 没有对应的已备案托育机构，请核对证书上的备案编号，或向所在县（区）卫生健康部门咨询。</Text>
      </View>
    );
  }
  const filed = filing.status === 'filed';
  return (
    <View
      className={`verify__card ${filed ? 'verify__card--valid' : 'verify__card--invalid'}`}
      data-testid={filed ? 'verify-valid' : 'verify-invalid'}
    >
      <Text className='verify__verdict'>{filed ? `${filing.status_label} ✓` : `该机构${filing.status_label}`}</Text>
      <View className='verify__row'>
        <Text className='verify__label'>备案编号</Text>
        <Text className='verify__value'>{filing.filing_no}</Text>
      </View>
      <View className='verify__row'>
        <Text className='verify__label'>机构名称</Text>
        <Text className='verify__value' data-testid='verify-institution'>
          {filing.institution_name}
        </Text>
      </View>
      <View className='verify__row'>
        <Text className='verify__label'>机构类型</Text>
        <Text className='verify__value'>
          {labelOf(INSTITUTION_TYPE_LABELS, filing.institution_type)}
          {filing.affordable ? ' · 普惠' : ''}
        </Text>
      </View>
      <View className='verify__row'>
        <Text className='verify__label'>所在县（区）</Text>
        <Text className='verify__value' data-testid='verify-county'>
          {filing.county_name}
        </Text>
      </View>
      <View className='verify__row'>
        <Text className='verify__label'>备案日期</Text>
        <Text className='verify__value' data-testid='verify-date'>
          {formatDate(filing.filed_on)}
        </Text>
      </View>
      {filed ? null : <Text className='verify__text'>该机构目前不在备案有效状态，请谨慎选择。</Text>}
      <View className='verify__links'>
        {filing.institution_id ? (
          <Button
            className='verify__link verify__link--primary'
            data-testid='verify-open-institution'
            onClick={() => navigate('institution', { id: filing.institution_id ?? '' })}
          >
            查看机构详情
          </Button>
        ) : null}
        <Button className='verify__link' data-testid='verify-home' onClick={() => navigate('home')}>
          返回首页
        </Button>
      </View>
    </View>
  );
}

/** 备案核验: a family types a filing number (or opens `?no=<filing number>`) and sees whether it is filed. */
export default function VerifyPage() {
  const { no } = useRouteParams('verify');
  const [draft, setDraft] = useState(no ?? '');
  const [filingNo, setFilingNo] = useState<string | null>(no ? normalizeFilingNo(no) : null);
  const [formatError, setFormatError] = useState<string | null>(null);
  const verification = useVerifyFiling(filingNo !== null && isFilingNo(filingNo) ? filingNo : null);

  const submit = () => {
    const value = normalizeFilingNo(draft);
    const problem = filingNoProblem(value);
    if (problem) {
      setFormatError(problem);
      return;
    }
    setFormatError(null);
    setFilingNo(value);
  };

  let result = null;
  if (filingNo !== null && !isFilingNo(filingNo)) {
    result = (
      <View className='verify__card verify__card--invalid' data-testid='verify-invalid'>
        <Text className='verify__verdict'>备案号格式不正确</Text>
        <Text className='verify__text'>备案号为14位数字，请核对证书上的备案编号后重新输入。</Text>
      </View>
    );
  } else if (filingNo !== null) {
    if (verification.isPending) result = <LoadingState text='正在核验…' />;
    else if (verification.isError) {
      result = <ErrorState message={errorMessage(verification.error, { reading: true })} onRetry={() => void verification.refetch()} />;
    } else result = <Verdict filingNo={filingNo} filing={verification.data} />;
  }

  return (
    <View className='page verify' data-testid='verify-page'>
      <View className='card verify__form'>
        <Text className='verify__title'>托育机构备案核验</Text>
        <Text className='verify__text'>扫描备案证书上的二维码，或输入证书上的备案编号。</Text>
        <Input
          className='verify__input'
          data-testid='verify-input'
          type='number'
          maxlength={20}
          placeholder='请输入14位备案编号'
          value={draft}
          onInput={(event) => setDraft(event.detail.value)}
          onConfirm={submit}
        />
        {formatError ? (
          <Text className='verify__format-error' data-testid='verify-format-error'>
            {formatError}
          </Text>
        ) : null}
        <Button className='verify__submit' data-testid='verify-submit' onClick={submit}>
          核验
        </Button>
      </View>
      {result}
    </View>
  );
}

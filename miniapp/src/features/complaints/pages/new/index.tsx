import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { COMPLAINT_CATEGORY_LABELS, URGENT_COMPLAINT_CATEGORIES, type ComplaintCategory, errorMessage } from '@tuoyu/domain';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import {
  COMPLAINT_PHOTO_LIMITS,
  MOBILE,
  newIdempotencyKey,
  useSubmitComplaint,
  useUploadComplaintPhoto,
  type ChosenPhoto,
  type Submitted,
} from '../../api/complaints.ts';
import '../complaints.css';

const CATEGORIES = Object.keys(COMPLAINT_CATEGORY_LABELS) as ComplaintCategory[];

/** 投诉举报 (`?institution=<id>&name=…`, or `?county=<code>` for an unlicensed place). */
export default function ComplaintNewPage() {
  const { institution, name, county } = useRouteParams('complaintNew');
  // one key per filled-in form: a double tap or a retry after a network error files once
  const [key] = useState(() => newIdempotencyKey());
  const [category, setCategory] = useState<ComplaintCategory | null>(institution ? null : 'unlicensed');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [mobile, setMobile] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);
  const [photos, setPhotos] = useState<{ path: string; preview: string }[]>([]);
  const upload = useUploadComplaintPhoto(key);
  const submit = useSubmitComplaint();

  // photos go up at once (under the form's key), so submitting sends only their paths
  const addPhotos = async () => {
    const room = COMPLAINT_PHOTO_LIMITS.maxCount - photos.length;
    if (room <= 0) return setProblem(`照片最多${COMPLAINT_PHOTO_LIMITS.maxCount}张`);
    let chosen: ChosenPhoto[];
    try {
      const r = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      chosen = (r.tempFiles as ChosenPhoto[]).slice(0, room);
    } catch {
      return; // cancelled
    }
    setProblem(null);
    for (const [i, photo] of chosen.entries()) {
      try {
        const path = await upload.mutateAsync({ photo, index: photos.length + i });
        setPhotos((list) => [...list, { path, preview: photo.path }]);
      } catch (e) {
        setProblem(errorMessage(e));
      }
    }
  };
  const unlicensed = category === 'unlicensed';

  const send = () => {
    if (!category) return setProblem('请选择投诉类别');
    if (description.trim().length < 10) return setProblem('请描述投诉内容（至少10个字）');
    if (!MOBILE.test(mobile.trim())) return setProblem('请填写11位手机号，便于核实和答复');
    if (!institution && (!unlicensed || address.trim().length < 4)) return setProblem('请填写被举报的地址');
    setProblem(null);
    submit.mutate(
      {
        idempotency_key: key,
        category,
        description: description.trim(),
        institution_id: institution || undefined,
        reported_address: institution ? undefined : address.trim(),
        county_code: institution ? undefined : county,
        contact_mobile: mobile.trim(),
        anonymous,
        photo_paths: photos.map((p) => p.path),
      },
      { onSuccess: setDone },
    );
  };

  if (done) {
    return (
      <View className='page complaint' data-testid='complaint-done'>
        <View className='complaint__card'>
          <Text className='complaint__title'>投诉已提交</Text>
          <Text className='complaint__text'>请记下跟踪编号，凭编号可随时查询办理进度：</Text>
          <Text className='complaint__tracking' data-testid='complaint-tracking-no' selectable>
            {done.tracking_no}
          </Text>
          <Button className='complaint__submit' onClick={() => navigate('complaintTrack', { no: done.tracking_no })} data-testid='complaint-track'>
            查询办理进度
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='page complaint' data-testid='complaint-form'>
      <View className='complaint__card'>
        <Text className='complaint__label'>被投诉机构</Text>
        <Text className='complaint__value' data-testid='complaint-institution'>
          {institution ? name ?? '所选机构' : '未备案的托育场所（无证办托）'}
        </Text>
        <Text className='complaint__label'>投诉类别</Text>
        <View className='complaint__chips'>
          {CATEGORIES.filter((c) => (institution ? true : c === 'unlicensed')).map((c) => (
            <Text
              key={c}
              className={`chip ${category === c ? 'chip--on' : ''}`}
              onClick={() => setCategory(c)}
              data-testid={`complaint-category-${c}`}
            >
              {COMPLAINT_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>
        {category && URGENT_COMPLAINT_CATEGORIES.includes(category) ? (
          <Text className='complaint__urgent'>紧急投诉：卫生健康部门将在2小时内受理。孩子正处于危险中请立即拨打110。</Text>
        ) : null}
        {!institution ? (
          <>
            <Text className='complaint__label'>被举报地址</Text>
            <Input className='complaint__input' value={address} onInput={(e) => setAddress(e.detail.value)} placeholder='小区、楼号、门牌号' data-testid='complaint-address' />
          </>
        ) : null}
        <Text className='complaint__label'>投诉内容</Text>
        <Textarea
          className='complaint__textarea'
          value={description}
          maxlength={2000}
          onInput={(e) => setDescription(e.detail.value)}
          placeholder='请描述时间、经过和诉求（10～2000字）'
          data-testid='complaint-description'
        />
        <Text className='complaint__label'>{`照片（选填，最多${COMPLAINT_PHOTO_LIMITS.maxCount}张，JPG/PNG，每张不超过5MB）`}</Text>
        <View className='complaint__photos' data-testid='complaint-photos'>
          {photos.map((p) => (
            <View key={p.path} className='complaint__photo' data-testid='complaint-photo'>
              <Image className='complaint__photo-img' src={p.preview} mode='aspectFill' />
              <Text className='complaint__photo-remove' onClick={() => setPhotos((list) => list.filter((x) => x.path !== p.path))}>×</Text>
            </View>
          ))}
          {photos.length < COMPLAINT_PHOTO_LIMITS.maxCount ? (
            <View className='complaint__photo complaint__photo--add' onClick={() => void addPhotos()} data-testid='complaint-add-photo'>
              <Text>{upload.isPending ? '上传中…' : '+ 添加照片'}</Text>
            </View>
          ) : null}
        </View>
        <Text className='complaint__label'>手机号（仅卫生健康部门可见）</Text>
        <Input className='complaint__input' type='number' maxlength={11} value={mobile} onInput={(e) => setMobile(e.detail.value)} data-testid='complaint-mobile' />
        <View className='complaint__switch'>
          <Text className='complaint__text'>对机构匿名（机构看不到您的联系方式）</Text>
          <Switch checked={anonymous} onChange={(e) => setAnonymous(e.detail.value)} data-testid='complaint-anonymous' />
        </View>
        {problem || submit.error ? (
          <Text className='complaint__error' data-testid='complaint-error'>
            {problem ?? errorMessage(submit.error)}
          </Text>
        ) : null}
        <Button className='complaint__submit' loading={submit.isPending} disabled={submit.isPending || upload.isPending} onClick={send} data-testid='complaint-submit'>
          提交投诉
        </Button>
        <Text className='complaint__link' onClick={() => navigate('complaintTrack')}>
          已投诉？查询办理进度
        </Text>
      </View>
    </View>
  );
}

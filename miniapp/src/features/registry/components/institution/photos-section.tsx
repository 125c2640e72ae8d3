/** 机构照片: what the operator uploaded in the admin (本机构信息 → 机构照片); tap to enlarge. */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useInstitutionPhotos } from '../../api/use-institution-extras.ts';
import { Section, SectionEmpty, SectionQueryState } from './section.tsx';

export function PhotosSection({ institutionId }: { institutionId: string }) {
  const photos = useInstitutionPhotos(institutionId);
  let body;
  if (!photos.data) body = <SectionQueryState query={photos} loadingText='正在加载照片…' />;
  else if (photos.data.length === 0) body = <SectionEmpty testId='institution-photos-empty' text='机构暂未上传照片' hint='可以预约参观，实地了解环境' />;
  else {
    const urls = photos.data.map((p) => p.url);
    body = (
      <View className='institution__photos'>
        {photos.data.map((photo) => (
          <Image
            key={photo.name}
            className='institution__photo'
            data-testid='institution-photo'
            src={photo.url}
            mode='aspectFill'
            lazyLoad
            onClick={() => void Taro.previewImage({ urls, current: photo.url }).catch(() => undefined)}
          />
        ))}
      </View>
    );
  }
  return (
    <Section title='机构照片' testId='institution-photos'>
      {body}
    </Section>
  );
}

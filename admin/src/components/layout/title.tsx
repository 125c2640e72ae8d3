import { ThemedTitle } from '@refinedev/antd';
import type { RefineLayoutThemedTitleProps } from '@refinedev/antd';

const Logo = () => (
  <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
    <circle cx="12" cy="12" r="11" fill="#1677ff" />
    <path d="M7 13.5c1.2 2 2.9 3 5 3s3.8-1 5-3" stroke="#fff" strokeWidth="1.8" fill="none" strokeLinecap="round" />
    <circle cx="9" cy="9.5" r="1.3" fill="#fff" />
    <circle cx="15" cy="9.5" r="1.3" fill="#fff" />
  </svg>
);

export function Title(props: RefineLayoutThemedTitleProps) {
  return <ThemedTitle {...props} text="托育一件事" icon={<Logo />} />;
}

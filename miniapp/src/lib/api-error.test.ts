import { describe, expect, it } from 'vitest';
import { errorMessage } from '@tuoyu/domain';
import { ApiError, throwIfError } from './api-error.ts';

const describeError = (error: unknown) => errorMessage(error, { reading: true });

describe('API errors in Chinese', () => {
  it('turns supabase-js results into ApiError', () => {
    expect(() => throwIfError({ error: null, status: 200 })).not.toThrow();
    expect(() => throwIfError({ error: { message: 'boom', code: 'XX000' }, status: 500 })).toThrow(ApiError);
  });

  it('says what to do next', () => {
    // supabase-js reports a failed fetch with status 0
    expect(describeError(new ApiError('TypeError: Failed to fetch', 0))).toBe('网络连接失败，请检查网络后重试');
    expect(describeError(new TypeError('Network request failed: request:fail timeout'))).toBe('网络连接失败，请检查网络后重试');
    expect(describeError(new ApiError('JWT expired', 401))).toBe('没有权限查看，请登录后重试');
    expect(describeError(new ApiError('x', 503))).toBe('服务暂时不可用，请稍后重试');
    expect(describeError(new ApiError('x', 400))).toBe('加载失败，请稍后重试');
    expect(describeError('??')).toBe('加载失败，请稍后重试');
  });
});

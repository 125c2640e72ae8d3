import { describe, expect, it } from 'vitest';
import { toHttpError } from './errors.ts';

describe('toHttpError', () => {
  it('gives Chinese messages; RPC messages (P0001) pass through', () => {
    expect(toHttpError({ code: '42501', message: 'permission denied for table institutions' })).toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('没有权限'),
    });
    expect(toHttpError({ code: 'P0001', message: '备案已提交，请勿重复提交' }).message).toBe('备案已提交，请勿重复提交');
    expect(toHttpError(new TypeError('Failed to fetch'))).toMatchObject({ statusCode: 0, message: expect.stringContaining('网络连接失败') });
    expect(toHttpError('boom').message).toContain('操作失败');
  });
});

import { describe, expect, it } from 'vitest';
import { isSessionError, loginErrorMessage, statusForCode, toHttpError } from './errors.ts';

describe('statusForCode', () => {
  it('follows PostgREST', () => {
    expect(statusForCode('PGRST301')).toBe(401);
    expect(statusForCode('42501')).toBe(403);
    expect(statusForCode('PGRST116')).toBe(406);
    expect(statusForCode('23505')).toBe(409);
    expect(statusForCode('23503')).toBe(409);
    expect(statusForCode('PGRST202')).toBe(404);
    expect(statusForCode('42P01')).toBe(404);
    expect(statusForCode('P0001')).toBe(400);
    expect(statusForCode('22023')).toBe(400);
    expect(statusForCode('08006')).toBe(503);
    expect(statusForCode(undefined, 'JWT expired')).toBe(401);
  });
});

describe('toHttpError', () => {
  it('gives Chinese messages; RPC messages (P0001) pass through', () => {
    expect(toHttpError({ code: '42501', message: 'permission denied for table institutions' })).toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('没有权限'),
    });
    expect(toHttpError({ code: 'P0001', message: '备案已提交，请勿重复提交' }).message).toBe('备案已提交，请勿重复提交');
    expect(toHttpError(new TypeError('Failed to fetch'))).toMatchObject({ statusCode: 0, message: expect.stringContaining('无法连接服务器') });
    expect(toHttpError('boom').message).toContain('操作失败');
  });
});

describe('isSessionError', () => {
  it('recognises expired or invalid sessions only', () => {
    expect(isSessionError({ code: 'PGRST301', message: 'JWSError' })).toBe(true);
    expect(isSessionError({ message: 'JWT expired' })).toBe(true);
    expect(isSessionError({ statusCode: 401 })).toBe(true);
    expect(isSessionError({ code: '42501', message: 'permission denied' })).toBe(false);
  });
});

describe('loginErrorMessage', () => {
  it('explains GoTrue errors in Chinese', () => {
    expect(loginErrorMessage({ code: 'invalid_credentials', status: 400, message: 'Invalid login credentials' })).toBe(
      '邮箱或密码错误，请重新输入',
    );
    expect(loginErrorMessage({ status: 429, message: 'Too many requests' })).toContain('稍后再试');
    expect(loginErrorMessage({ status: 0, message: 'Failed to fetch' })).toContain('无法连接认证服务');
    expect(loginErrorMessage({ status: 503, message: 'down' })).toContain('暂时不可用');
  });
});

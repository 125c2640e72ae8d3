import { describe, expect, it } from 'vitest';
import { errorMessage, isSessionError, loginErrorMessage, statusForCode } from './errors.ts';

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

describe('errorMessage', () => {
  it('shows the database’s Chinese messages and names constraints in Chinese', () => {
    expect(errorMessage({ code: '23514', message: '乳儿班每班不超过10人' })).toBe('乳儿班每班不超过10人');
    expect(errorMessage({ code: 'P0001', message: '备案已提交，请勿重复提交' })).toBe('备案已提交，请勿重复提交');
    expect(
      errorMessage({ code: '23514', message: 'new row for relation "institution_sites" violates check constraint "institution_sites_lat_check"' }),
    ).toContain('纬度应在 3.5～53.6 之间');
    expect(errorMessage({ statusCode: '415', message: 'mime type text/plain is not supported' })).toContain('JPG、PNG');
    expect(errorMessage({ code: '42501', message: 'new row violates row-level security policy for table "classes"' })).toContain('没有权限');
    expect(errorMessage({ code: '42501', message: 'permission denied for table institutions' })).toContain('没有权限');
    expect(errorMessage('boom')).toContain('操作失败');
  });

  it('says the same about the network everywhere', () => {
    expect(errorMessage({ message: 'Failed to fetch' })).toBe('网络连接失败，请检查网络后重试');
    expect(errorMessage(new TypeError('Network request failed: request:fail timeout'), { reading: true })).toBe('网络连接失败，请检查网络后重试');
    expect(errorMessage({ message: 'TypeError: Failed to fetch', status: 0 }, { reading: true })).toBe('网络连接失败，请检查网络后重试');
  });

  it('words failures of reading as "cannot show"', () => {
    expect(errorMessage({ message: 'JWT expired', status: 401 }, { reading: true })).toBe('没有权限查看，请登录后重试');
    expect(errorMessage({ message: 'x', status: 503 }, { reading: true })).toBe('服务暂时不可用，请稍后重试');
    expect(errorMessage({ message: 'x', status: 400 }, { reading: true })).toBe('加载失败，请稍后重试');
    expect(errorMessage('??', { reading: true })).toBe('加载失败，请稍后重试');
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

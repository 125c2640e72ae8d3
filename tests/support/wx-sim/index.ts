export { allPages, applyPatch, collectTexts, createWxSandbox } from './sandbox.ts';
export type { AppJson, SandboxPage, WxSandbox } from './sandbox.ts';
export { createFakeWx } from './fake-wx.ts';
export type { FakeWx, RequestRecord } from './fake-wx.ts';

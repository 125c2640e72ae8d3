export { allPages, applyPatch, collectTexts, createWxSandbox, findElementByText } from './sandbox.ts';
export type { AppJson, SandboxPage, WxSandbox } from './sandbox.ts';
export { createFakeWx } from './fake-wx.ts';
export type { FakeLocation, FakeWx, FakeWxOptions, RequestRecord } from './fake-wx.ts';

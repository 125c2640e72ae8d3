export { startWechatStandIn, devOpenid, type WechatStandIn, type WechatStandInOptions, type SentMessage } from './server.ts';

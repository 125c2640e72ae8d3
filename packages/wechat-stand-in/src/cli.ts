/**
 * `tsx packages/wechat-stand-in/src/cli.ts [--port 54329]`: serves the WeChat stand-in until Ctrl-C.
 * App id and secret: WECHAT_APP_ID / WECHAT_APP_SECRET (default: the public development values).
 */
import { startWechatStandIn } from './server.ts';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : Number(process.env.WECHAT_STAND_IN_PORT ?? 54329);
const standIn = await startWechatStandIn({
  port,
  appId: process.env.WECHAT_APP_ID || undefined,
  secret: process.env.WECHAT_APP_SECRET || undefined,
  log: true,
});
console.log(`WeChat stand-in on ${standIn.url} (appid ${standIn.appId}); sent messages: ${standIn.url}/__stand-in/messages`);
const stop = () => void standIn.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

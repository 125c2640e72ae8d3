import { invitationChannel, invitePath } from '@tuoyu/domain';
import { Modal, Typography } from 'antd';
import dayjs from 'dayjs';

/** The one-time code and link, shown once after inviting or resending (only its hash is stored). */
export function showIssuedCode(issued: { code: string; expires_at: string }, invitee?: string) {
  const link = `${window.location.origin}${invitePath(issued.code)}`;
  Modal.success({
    title: '邀请已生成',
    width: 560,
    content: (
      <div data-testid="invite-issued">
        <p>
          {invitee && invitationChannel(invitee)
            ? `含邀请链接的${invitationChannel(invitee) === 'sms' ? '短信' : '邮件'}将发送给「${invitee}」（发送状态见“账号邀请”）；也可以把链接或邀请码当面交给对方。`
            : `请把邀请链接或邀请码通过邮件、短信或当面交给${invitee ? `「${invitee}」` : '被邀请人'}。`}
          邀请码只显示这一次，{dayjs(issued.expires_at).format('YYYY-MM-DD HH:mm')} 前有效，使用一次后失效。
        </p>
        <p>
          邀请码：<Typography.Text copyable strong data-testid="invite-code">{issued.code}</Typography.Text>
        </p>
        <p>
          邀请链接：<Typography.Text copyable data-testid="invite-link">{link}</Typography.Text>
        </p>
      </div>
    ),
    okText: '我已记下',
  });
}

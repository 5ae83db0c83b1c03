/** The widget's words, zh-CN and en; the page's lang (or data-lang) chooses. */
const zhCN = {
  title: '在线客服',
  subtitle: '通常几分钟内回复',
  open: '打开在线客服',
  close: '收起',
  end: '结束对话',
  endConfirm: '确定结束对话？',
  cancel: '取消',
  name: '您的称呼',
  phone: '手机号',
  email: '邮箱',
  question: '您想咨询什么？',
  required: '必填',
  start: '开始咨询',
  starting: '正在连接…',
  placeholder: '输入消息，回车发送',
  send: '发送',
  emoji: '表情',
  attach: '发送图片或文件',
  human: '转人工',
  queue: '您排在第 {n} 位，预计等待约 {m} 分钟',
  queueNoEstimate: '您排在第 {n} 位，请稍候',
  ringing: '正在为您接通客服…',
  connecting: '网络连接中断，正在重连…',
  read: '已读',
  sending: '发送中',
  failed: '发送失败',
  typing: '对方正在输入…',
  closed: '现在是非工作时间',
  offlineIntro: '请留下联系方式和问题，我们上班后会尽快联系您。',
  offlineSubmit: '提交留言',
  offlineDone: '留言已提交（工单号 #{id}），我们会尽快联系您。',
  contactNeeded: '请留下手机号或邮箱',
  rateTitle: '请为本次服务打分',
  rateComment: '还有什么想告诉我们的吗？（选填）',
  rateSubmit: '提交评价',
  rateThanks: '感谢您的评价！',
  newChat: '发起新的咨询',
  ended: '对话已结束',
  tooLarge: '文件不能超过 10 MB',
  badType: '只能发送图片、PDF 或文本文件',
  refused: '在线客服暂时不可用',
  articles: '查看全文',
  poweredBy: '由 呼叫中心 提供支持',
  retry: '重试',
};

export type WidgetMessages = Record<keyof typeof zhCN, string>;

const en: WidgetMessages = {
  title: 'Chat with us',
  subtitle: 'We usually reply within minutes',
  open: 'Open chat',
  close: 'Minimise',
  end: 'End chat',
  endConfirm: 'End this chat?',
  cancel: 'Cancel',
  name: 'Your name',
  phone: 'Phone',
  email: 'Email',
  question: 'How can we help?',
  required: 'required',
  start: 'Start chat',
  starting: 'Connecting…',
  placeholder: 'Type a message, Enter to send',
  send: 'Send',
  emoji: 'Emoji',
  attach: 'Send an image or file',
  human: 'Talk to a person',
  queue: 'You are number {n} in line, about {m} min',
  queueNoEstimate: 'You are number {n} in line, please wait',
  ringing: 'Connecting you to an agent…',
  connecting: 'Connection lost, reconnecting…',
  read: 'Read',
  sending: 'Sending',
  failed: 'Not sent',
  typing: 'Typing…',
  closed: 'We are closed right now',
  offlineIntro: 'Leave your details and question and we will get back to you.',
  offlineSubmit: 'Send message',
  offlineDone: 'Thanks! Your message is ticket #{id}; we will get back to you soon.',
  contactNeeded: 'Give a phone number or an email address',
  rateTitle: 'How did we do?',
  rateComment: 'Anything else to tell us? (optional)',
  rateSubmit: 'Send rating',
  rateThanks: 'Thank you for your feedback!',
  newChat: 'Start a new chat',
  ended: 'This chat has ended',
  tooLarge: 'Files may be at most 10 MB',
  badType: 'Only images, PDF and text files can be sent',
  refused: 'Chat is not available right now',
  articles: 'Read more',
  poweredBy: 'Powered by Contact Centre',
  retry: 'Retry',
};

export type WidgetLocale = 'zh-CN' | 'en';
const dictionaries: Record<WidgetLocale, WidgetMessages> = { 'zh-CN': zhCN, en };

export function translator(locale: WidgetLocale) {
  return (key: keyof WidgetMessages, params: Record<string, string | number> = {}): string =>
    dictionaries[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type T = ReturnType<typeof translator>;

/** data-lang wins; otherwise the host page's <html lang>; Chinese by default. */
export function pickLocale(dataLang: string | undefined, pageLang: string): WidgetLocale {
  const lang = (dataLang || pageLang || 'zh-CN').toLowerCase();
  return lang.startsWith('en') ? 'en' : 'zh-CN';
}

/** What the bot and the system say in a conversation, in the customer's language. */
const texts = {
  'zh-CN': {
    botName: '智能助手',
    answersIntro: '以下文章也许能解答您的问题：',
    answersFollowUp: '如果没有解决，请点击“转人工”或直接输入“转人工”。',
    noAnswer: '抱歉，没有找到相关答案。正在为您转接人工客服……',
    queued: '正在为您转接人工客服，请稍候。',
    agentJoined: '{name} 为您服务',
    transferring: '正在为您转接，请稍候。',
    closed: '现在是非工作时间，请留言，我们会尽快联系您。',
    noAgents: '暂时没有客服可以接待，请留言，我们会尽快联系您。',
    ended: '对话已结束。',
    customerLeft: '客户已离开对话。',
  },
  en: {
    botName: 'Assistant',
    answersIntro: 'These articles may answer your question:',
    answersFollowUp: 'Not solved? Press "Talk to a person" or type "talk to a person".',
    noAnswer: 'Sorry, I found no answer. Connecting you to a person…',
    queued: 'Connecting you to a person, please wait.',
    agentJoined: '{name} has joined the chat',
    transferring: 'Transferring you, please wait.',
    closed: 'We are closed right now. Leave us a message and we will get back to you.',
    noAgents: 'Nobody can take your chat right now. Leave us a message and we will get back to you.',
    ended: 'The chat has ended.',
    customerLeft: 'The customer left the chat.',
  },
} as const;

export type TextKey = keyof (typeof texts)['en'];

export function say(locale: 'zh-CN' | 'en', key: TextKey, params: Record<string, string> = {}): string {
  return texts[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { AgentDirectory } from '../core/agents/directory';
import { SkillService } from '../core/agents/skills';
import { AuditLog } from '../core/audit/audit-log';
import type { Clock } from '../core/clock';
import { KnowledgeBase } from '../core/knowledge/kb-service';
import { QueueService } from '../core/queues/queue-service';
import { FlowStore } from '../telephony/ivr/flow-store';
import { UserService } from '../core/users/users';

const system = { userId: null };

/**
 * A believable demo: two queues (sales, support), four agents and a supervisor, skills, office
 * hours, not-ready reasons, dispositions and a few knowledge-base articles. Running it twice adds nothing.
 */
export async function seedDemo(db: Knex, clock: Clock, sipRealm: string, log: Logger): Promise<void> {
  const audit = new AuditLog(db, clock);
  const users = new UserService(db, clock, audit);
  const skills = new SkillService(db, audit);
  const queues = new QueueService(db, clock, audit);
  const agents = new AgentDirectory(db, clock, audit, users, sipRealm);
  const now = new Date(clock.now());

  if (await db('queues').where({ name: 'sales' }).first()) {
    log.info('demo data already present');
    return;
  }

  for (const [name, description] of [
    ['sales', '售前咨询 / pre-sales'],
    ['support', '技术支持 / technical support'],
    ['billing', '账单 / billing'],
    ['english', 'English-speaking'],
    ['mandarin', '普通话 / Mandarin'],
  ] as const) {
    await skills.create({ name, description }, system);
  }

  const [hoursId] = await db('business_hours').insert({
    name: 'office',
    timezone: 'Asia/Shanghai',
    weekly: JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' }))),
    holidays: JSON.stringify(['2026-10-01', '2026-10-02', '2026-10-03', '2027-01-01', '2027-02-17']),
    created_at: now,
    updated_at: now,
  });

  const sales = await queues.create(
    { name: 'sales', media: ['voice', 'video', 'webim'], strategy: 'longest_idle', serviceLevelSeconds: 20, wrapUpSeconds: 15, businessHoursId: Number(hoursId), requiredSkills: { sales: 1 } },
    system,
  );
  const support = await queues.create(
    {
      name: 'support',
      media: ['voice', 'video', 'webim', 'wechat', 'sms'],
      strategy: 'skills_based',
      serviceLevelSeconds: 30,
      wrapUpSeconds: 30,
      maxWaitSeconds: 900,
      overflow: [{ afterSeconds: 120, action: 'widen_skills' }, { afterSeconds: 600, action: 'callback' }],
      businessHoursId: Number(hoursId),
      requiredSkills: { support: 1 },
    },
    system,
  );

  const team: Array<{ n: number; name: string; skills: Record<string, number>; queues: string[] }> = [
    { n: 1, name: '王芳 Wang Fang', skills: { sales: 8, mandarin: 10, english: 6 }, queues: [sales.id] },
    { n: 2, name: '李强 Li Qiang', skills: { sales: 5, support: 7, mandarin: 10 }, queues: [sales.id, support.id] },
    { n: 3, name: 'Emma Chen', skills: { support: 9, billing: 6, english: 10, mandarin: 8 }, queues: [support.id] },
    { n: 4, name: '张伟 Zhang Wei', skills: { support: 6, billing: 8, mandarin: 10 }, queues: [support.id] },
  ];
  for (const a of team) {
    await agents.create(
      {
        username: `agent${a.n}`,
        displayName: a.name,
        password: `demo-agent${a.n}`,
        role: 'agent',
        locale: 'zh-CN',
        extension: `100${a.n}`,
        sipPassword: `sip-100${a.n}`,
        skills: a.skills,
        capacity: { voice: 1, video: 1, webim: 4, wechat: 4, sms: 4, email: 6 },
        voiceBlocksChat: false,
        chatInterruptibleByVoice: true,
        queueIds: a.queues.map(Number),
      },
      system,
    );
  }
  await users.create({ username: 'supervisor', displayName: '赵敏 Zhao Min', password: 'demo-supervisor', role: 'supervisor', locale: 'zh-CN' }, system);

  await db('not_ready_reasons').insert([
    { code: 'break', label_zh: '小休', label_en: 'Break' },
    { code: 'lunch', label_zh: '午餐', label_en: 'Lunch' },
    { code: 'training', label_zh: '培训', label_en: 'Training' },
    { code: 'meeting', label_zh: '会议', label_en: 'Meeting' },
  ]);
  await db('dispositions').insert([
    { code: 'resolved', label_zh: '已解决', label_en: 'Resolved' },
    { code: 'follow_up', label_zh: '需跟进', label_en: 'Follow-up needed' },
    { code: 'sale', label_zh: '成交', label_en: 'Sale' },
    { code: 'wrong_number', label_zh: '打错电话', label_en: 'Wrong number' },
  ]);
  // The hotline: out of hours -> closed notice; otherwise welcome, then 1 sales, 2 support, 9 voicemail.
  const flows = new FlowStore(db, clock);
  await flows.save(
    {
      name: 'main',
      locale: 'zh-CN',
      start: 'hours',
      nodes: [
        { id: 'hours', type: 'condition', label: '工作时间', rules: [{ when: { kind: 'business_hours', hoursName: 'office', open: false }, next: 'closed' }], otherwise: 'welcome' },
        { id: 'welcome', type: 'play', prompts: [{ kind: 'builtin', name: 'welcome' }, { kind: 'builtin', name: 'recording_notice' }], next: 'menu' },
        { id: 'menu', type: 'menu', prompts: [{ kind: 'builtin', name: 'menu' }], options: { '1': 'sales', '2': 'support', '9': 'voicemail' }, retries: 2, onFail: 'goodbye' },
        { id: 'sales', type: 'queue', queueName: 'sales' },
        { id: 'support', type: 'queue', queueName: 'support' },
        { id: 'voicemail', type: 'voicemail', queueName: 'support', maxSeconds: 120 },
        { id: 'closed', type: 'voicemail', label: '非工作时间留言', queueName: 'support', maxSeconds: 120 },
        { id: 'goodbye', type: 'hangup' },
      ],
    },
    null,
  );
  await flows.attachNumber('4000', 'main');

  const kb = new KnowledgeBase(db, clock, audit);
  const articles = [
    { title: '如何申请退款', body: '登录后进入“我的订单”，选择订单并点击“申请退款”。审核通过后，款项将在3个工作日内原路退回。', tags: ['退款', '售后'], locale: 'zh-CN' as const },
    { title: '忘记登录密码怎么办', body: '在登录页点击“忘记密码”，输入注册手机号获取验证码，即可设置新密码。', tags: ['账户', '密码'], locale: 'zh-CN' as const },
    { title: '发票开具说明', body: '订单完成后可在“发票管理”中申请电子发票，增值税专用发票请联系客服提供开票信息。', tags: ['发票', '账单'], locale: 'zh-CN' as const },
    { title: 'How do I reset my password?', body: 'On the sign-in page choose "Forgot password", enter your registered phone number and the code we text you, then choose a new password.', tags: ['account'], locale: 'en' as const },
    { title: 'Delivery times', body: 'Orders placed before 16:00 Beijing time ship the same working day; delivery takes 1–3 days within mainland China.', tags: ['shipping'], locale: 'en' as const },
  ];
  for (const article of articles) await kb.create(article, system);
  log.info('demo data created');
}

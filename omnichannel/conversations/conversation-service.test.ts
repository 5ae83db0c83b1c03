import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentDirectory } from '../../core/agents/directory';
import { AuditLog } from '../../core/audit/audit-log';
import { ManualClock } from '../../core/clock';
import { ContactService } from '../../core/contacts/contact-service';
import type { MessageView } from '../../core/realtime/chat-events';
import { QueueService } from '../../core/queues/queue-service';
import { queue, rig, seat } from '../../core/routing/testing';
import { UserService } from '../../core/users/users';
import { freshDatabase, type TestDatabase } from '../../test/support/db';
import { testLog } from '../../test/support/log';
import { SelfService } from '../bot/self-service';
import type { Channel, OutboundMessage } from '../channel';
import { AttachmentStore } from './attachments';
import { ConversationService } from './conversation-service';

// The channel port: an SMS adapter written in a few lines goes through the same conversation
// service and the same router as WebIM, with nothing changed in either.

describe('ConversationService with another channel (SMS)', () => {
  let database: TestDatabase;
  const sent: OutboundMessage[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.drop());

  it('opens, routes, answers, transfers and closes an SMS conversation through the port', async () => {
    const { db } = database;
    const clock = new ManualClock(Date.UTC(2026, 2, 2, 2));
    const audit = new AuditLog(db, clock);
    const system = { userId: null };
    const q1 = await new QueueService(db, clock, audit).create({ name: 'sms-a', media: ['sms'] }, system);
    const q2 = await new QueueService(db, clock, audit).create({ name: 'sms-b', media: ['sms'] }, system);
    const users = new UserService(db, clock, audit);
    const dir = new AgentDirectory(db, clock, audit, users, 'localhost');
    const a1 = await dir.create({ username: 'a1', displayName: 'A1', password: 'agent-pass-1', role: 'agent', locale: 'zh-CN', extension: '701', sipPassword: 'sip-pass-123', skills: {}, capacity: { sms: 2 }, voiceBlocksChat: false, chatInterruptibleByVoice: true, queueIds: [Number(q1.id)] }, system);
    const a2 = await dir.create({ username: 'a2', displayName: 'A2', password: 'agent-pass-1', role: 'agent', locale: 'zh-CN', extension: '702', sipPassword: 'sip-pass-123', skills: {}, capacity: { sms: 2 }, voiceBlocksChat: false, chatInterruptibleByVoice: true, queueIds: [Number(q2.id)] }, system);
    const { router } = rig({ queues: [queue(q1.id, { media: ['sms'] }), queue(q2.id, { media: ['sms'] })], agents: [seat(String(a1.id), [q1.id]), seat(String(a2.id), [q2.id])] }, undefined, clock);
    for (const id of [a1.id, a2.id]) {
      router.login(String(id));
      router.setAvailable(String(id));
    }
    const service = new ConversationService({
      db,
      clock,
      log: testLog,
      router,
      contacts: new ContactService(db, clock),
      hours: { openNow: async () => true },
      selfService: new SelfService({ search: async () => [] }),
      attachments: new AttachmentStore(db, clock, mkdtempSync(join(tmpdir(), 'cc-att-'))),
      directory: { queueName: (id) => `q${id}`, queueSkills: () => ({}), queueHoursId: () => null, queueTakes: (id) => id === q1.id || id === q2.id, agentName: (id) => `Agent ${id}`, describe: () => undefined },
    });
    const sms: Channel = { media: 'sms', send: async (m) => (sent.push(m), 'delivered') };
    service.register(sms);
    const assigned: string[] = [];
    service.events.on('assigned', (e) => assigned.push(e.agentId));

    const c = await service.open({ media: 'sms', identity: { kind: 'sms', value: '+8613800000000' }, entry: { queueId: q1.id, businessHoursId: null, selfService: false }, subject: null, siteId: null, siteName: null, locale: 'en' });
    await service.begin(c, null, 'My parcel is late');
    expect(router.interaction(c.id)?.status).toBe('offered');
    const first = await service.receive(c.id, { clientId: 'sms-000000001', text: 'Hello?' });
    expect((await service.receive(c.id, { clientId: 'sms-000000001', text: 'Hello?' })).seq).toBe(first.seq);

    router.accept(String(a1.id), c.id);
    await expect.poll(() => assigned).toEqual([String(a1.id)]);
    clock.advance(30_000);
    const actor = { kind: 'staff' as const, userId: a1.userId, name: 'A1', agentId: String(a1.id) };
    await service.post(c.id, actor, { clientId: 'agent-00000001', text: 'Looking into it' });
    await expect.poll(() => sent.map((m) => m.body)).toContain('Looking into it');

    await service.transfer(c.id, actor, { queueId: q2.id }, 'carrier issue');
    expect(router.interaction(c.id)?.status).toBe('offered');
    router.accept(String(a2.id), c.id);
    await expect.poll(() => assigned).toEqual([String(a1.id), String(a2.id)]);
    clock.advance(60_000);
    await service.close(c.id, { kind: 'staff', userId: a2.userId, name: 'A2', agentId: String(a2.id) }, { disposition: 'solved', resolved: true });

    const row = (await db('interactions').where({ id: c.id }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ media: 'sms', state: 'ended', agent_id: a2.id, disposition: 'solved', queue_id: Number(q2.id) });
    expect(Number(new Date(row.first_response_at as number))).toBeGreaterThan(Number(new Date(row.answered_at as number)) - 1);
    const history: MessageView[] = await service.history(c.id, 0, 'staff');
    expect(history.map((m) => m.senderType)).toEqual(['customer', 'bot', 'customer', 'system', 'agent', 'note', 'system', 'system', 'system']);
    expect(history.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sent.some((m) => m.senderType === ('note' as string))).toBe(false);
  });
});

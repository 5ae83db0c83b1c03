import { randomUUID } from 'node:crypto';
import { systemClock } from '../../core/clock';
import { ContactService } from '../../core/contacts/contact-service';
import type { ApiClient, TestServer } from './server';

// One set of interactions for the reports tests (HTTP and Chromium): two Shanghai days, two
// queues, two agents. The figures it must give are worked out in server/http/routes/reports.test.ts.

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

interface Seed {
  media: 'voice' | 'webim';
  queueId: number;
  local: string;
  waitS: number;
  talkS?: number;
  wrapS?: number;
  agentId?: number;
  contactId?: number;
  resolved?: boolean;
  csat?: number;
  abandoned?: boolean;
}

/** A finished interaction that queued on arrival, waited `waitS`, and was answered when `talkS` is given. */
function row(s: Seed) {
  const arrived = sh(s.local);
  const answered = s.talkS === undefined ? null : plus(arrived, s.waitS);
  const ended = answered ? plus(answered, s.talkS ?? 0) : plus(arrived, s.waitS);
  return {
    id: randomUUID(), media: s.media, direction: 'inbound', state: s.abandoned ? 'abandoned' : 'ended', queue_id: s.queueId, agent_id: s.agentId ?? null,
    contact_id: s.contactId ?? null, skills: '{}', arrived_at: arrived, queued_at: arrived, answered_at: answered, ended_at: ended,
    wrap_up_ended_at: s.wrapS === undefined ? null : plus(ended, s.wrapS), abandoned: s.abandoned ?? false, wait_ms: s.waitS * 1000,
    talk_ms: s.talkS === undefined ? null : s.talkS * 1000, resolved: s.resolved ?? null, csat_score: s.csat ?? null,
  };
}

export interface ReportFixture {
  sales: number;
  chat: number;
  alice: number;
  bob: number;
}

/**
 * Creates queues 售前 (voice, 20 s threshold) and 在线客服 (web chat, 30 s), agents alice (王芳)
 * and bob (李雷), a supervisor `sup` / `sup-pass-1234`, and the interactions.
 */
export async function seedReportData(server: TestServer, admin: ApiClient): Promise<ReportFixture> {
  const sales = Number((await admin.json<{ id: string }>('POST', '/api/queues', { name: '售前', media: ['voice'], serviceLevelSeconds: 20 })).id);
  const chat = Number((await admin.json<{ id: string }>('POST', '/api/queues', { name: '在线客服', media: ['webim'], serviceLevelSeconds: 30 })).id);
  const mk = async (username: string, displayName: string, extension: string) =>
    (await admin.json<{ id: number }>('POST', '/api/agents', { username, displayName, password: `${username}-pass-123`, extension, sipPassword: 'sip-secret-456', queueIds: [sales, chat] })).id;
  const alice = await mk('alice', '王芳', '8001');
  const bob = await mk('bob', '李雷', '8002');
  await admin.json('POST', '/api/users', { username: 'sup', displayName: 'Zhao Min', password: 'sup-pass-1234', role: 'supervisor' });

  const contacts = new ContactService(server.db, systemClock);
  const c1 = (await contacts.findOrCreate('phone', '+8613800000001')).contact.id;
  const c2 = (await contacts.findOrCreate('phone', '+8613800000002')).contact.id;
  const c3 = (await contacts.findOrCreate('phone', '+8613800000003')).contact.id;
  await server.db('interactions').insert([
    row({ media: 'voice', queueId: sales, local: '2026-03-01 09:00', waitS: 10, talkS: 120, wrapS: 30, agentId: alice, contactId: c1, resolved: true, csat: 5 }),
    row({ media: 'voice', queueId: sales, local: '2026-03-01 11:00', waitS: 3, abandoned: true }),
    row({ media: 'voice', queueId: sales, local: '2026-03-01 12:00', waitS: 60, abandoned: true }),
    // 23:30 in Shanghai is 15:30 UTC: it belongs to 03-01.
    row({ media: 'webim', queueId: chat, local: '2026-03-01 23:30', waitS: 25, talkS: 600, agentId: bob, contactId: c2, resolved: true, csat: 4 }),
    // 00:10 in Shanghai is still 03-01 in UTC: it belongs to 03-02. c1 again: the 09:00 call was not a first-contact resolution.
    row({ media: 'webim', queueId: chat, local: '2026-03-02 00:10', waitS: 40, talkS: 300, agentId: alice, contactId: c1, resolved: false, csat: 2 }),
    row({ media: 'voice', queueId: sales, local: '2026-03-02 10:00', waitS: 5, talkS: 100, agentId: bob, contactId: c3, resolved: true }),
    // Just outside the two local days.
    row({ media: 'voice', queueId: sales, local: '2026-03-03 00:00', waitS: 1, talkS: 10, agentId: bob }),
    row({ media: 'voice', queueId: sales, local: '2026-02-28 23:59', waitS: 1, talkS: 10, agentId: bob }),
  ]);
  return { sales, chat, alice, bob };
}

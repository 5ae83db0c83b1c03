import type { Logger } from 'pino';
import type { BusinessHoursService } from '../../core/calendar/hours-service';
import type { Clock } from '../../core/clock';
import type { ContactService } from '../../core/contacts/contact-service';
import type { Jobs } from '../../core/jobs/jobs';
import type { QueueSettings } from '../../core/queues/queue-service';
import type { Router } from '../../core/routing/router';
import type { TicketService } from '../../core/tickets/ticket-service';
import type { TelephonyEngine } from '../engine';
import type { FlowStore } from '../ivr/flow-store';
import type { HttpLookup } from '../ivr/context';
import type { PromptLibrary } from '../ivr/prompts';

/** What the voice ACD needs to know about queues and agents (the server's routing hub provides it). */
export interface AcdDirectory {
  describe(interactionId: string, info: { from: string | null; contact: { id: number; name: string; phone: string | null; tags: string[] } | null; ivrPath: Array<{ node: string; digits?: string }> }): void;
  queue(queueId: string): QueueSettings | undefined;
  queueByName(name: string): QueueSettings | undefined;
  extensionOf(agentId: string): string | undefined;
  agentByExtension(extension: string): string | undefined;
}

export interface AcdDeps {
  engine: TelephonyEngine;
  router: Router;
  directory: AcdDirectory;
  flows: FlowStore;
  prompts: PromptLibrary;
  hours: BusinessHoursService;
  contacts: ContactService;
  tickets: TicketService;
  jobs: Jobs;
  clock: Clock;
  log: Logger;
  http: HttpLookup;
  recordingsDir: string;
  /** Days a recording is kept before the retention job deletes it. */
  recordingRetentionDays: number;
  /** Trunk used for callbacks and transfers to outside numbers, if any. */
  outboundTrunkId?: string;
  /** Digits a waiting caller presses for a callback, and for voicemail. */
  keys: { callback: string; voicemail: string };
  /** Tells an agent their call is being monitored (called only where the queue's policy says so). */
  onMonitor?: (e: { interactionId: string; agentId: string; mode: 'listen' | 'whisper' | 'barge' }) => void;
  /** Fault-injection point for the crash test: called right after a CDR job is enqueued at hang-up. */
  afterHangupRecorded?: () => void;
}

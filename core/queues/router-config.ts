import type { AgentDirectory } from '../agents/directory';
import type { RouterConfigInput } from '../routing/model';
import type { QueueService } from './queue-service';

/** The router's view of the configuration: queue settings and agent seats, keyed by string ids. */
export async function loadRouterConfig(queues: QueueService, agents: AgentDirectory, notReadyReasons: string[]): Promise<RouterConfigInput> {
  const [queueList, agentList] = await Promise.all([queues.list(), agents.list()]);
  return {
    queues: queueList.map(({ recordingPolicy: _r, announceEverySeconds: _a, requiredSkills: _s, businessHoursId: _b, notifyAgentOnMonitor: _n, ...queue }) => queue),
    agents: agentList.map((a) => ({
      agentId: String(a.id),
      skills: a.skills,
      capacity: a.capacity,
      voiceBlocksChat: a.voiceBlocksChat,
      chatInterruptibleByVoice: a.chatInterruptibleByVoice,
      queues: a.queueIds.map(String),
    })),
    // 'disconnected' and 'supervisor' are set by the system, whatever the admin configured.
    notReadyReasons: [...new Set([...(notReadyReasons.length > 0 ? notReadyReasons : ['break', 'lunch', 'training', 'meeting']), 'disconnected', 'supervisor'])],
  };
}

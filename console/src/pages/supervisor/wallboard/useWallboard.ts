import { useEffect, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import type { AgentView, Presence, QueueView, WallboardSnapshot } from '../../../ops-types';
import { connectNamespace, emitWithAck } from '../../../realtime';

/** A queue's figures and when they arrived: the longest wait keeps growing locally from there. */
export interface QueueLive extends QueueView {
  receivedAt: number;
}

export interface WallboardState {
  connected: boolean;
  /** The first snapshot has arrived. */
  ready: boolean;
  queues: QueueLive[];
  agents: AgentView[];
  /** Server clock minus browser clock, so "time in state" is right on a browser with a wrong clock. */
  skewMs: number;
  setPresence(agentId: string, presence: Exclude<Presence, 'offline'>, reason?: string): Promise<AgentView>;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const byAgent = (a: AgentView, b: AgentView) => a.extension.localeCompare(b.extension) || a.displayName.localeCompare(b.displayName);

/** The `/supervisor` namespace: a snapshot on connect, then one event per queue or agent change. */
export function useWallboard(onUnauthorized?: () => void): WallboardState {
  const [connected, setConnected] = useState(false);
  const [ready, setReady] = useState(false);
  const [queues, setQueues] = useState<QueueLive[]>([]);
  const [agents, setAgents] = useState<AgentView[]>([]);
  const [skewMs, setSkew] = useState(0);
  const socketRef = useRef<Socket | undefined>(undefined);

  useEffect(() => {
    const socket = connectNamespace('/supervisor', onUnauthorized ? { onUnauthorized } : {});
    socketRef.current = socket;
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    socket.on('wallboard:snapshot', (s: WallboardSnapshot) => {
      const now = Date.now();
      setSkew(s.at - now);
      setQueues(s.queues.map((q) => ({ ...q, receivedAt: now })).sort(byName));
      setAgents([...s.agents].sort(byAgent));
      setReady(true);
    });
    socket.on('wallboard:queue', (q: QueueView) => {
      const live = { ...q, receivedAt: Date.now() };
      setQueues((list) => (list.some((x) => x.queueId === q.queueId) ? list.map((x) => (x.queueId === q.queueId ? live : x)) : [...list, live].sort(byName)));
    });
    socket.on('wallboard:agent', (a: AgentView) => {
      setAgents((list) => (list.some((x) => x.agentId === a.agentId) ? list.map((x) => (x.agentId === a.agentId ? a : x)) : [...list, a].sort(byAgent)));
    });
    return () => {
      socket.disconnect();
      socketRef.current = undefined;
    };
  }, [onUnauthorized]);

  const setPresence = async (agentId: string, presence: Exclude<Presence, 'offline'>, reason?: string) => {
    const socket = socketRef.current;
    if (!socket) throw new Error('not connected');
    const view = await emitWithAck<AgentView>(socket, 'agent:set-presence', { agentId, presence, ...(reason ? { reason } : {}) });
    // The broadcast follows, but the reply already carries the new state: show it at once.
    setAgents((list) => list.map((x) => (x.agentId === view.agentId ? view : x)));
    return view;
  };

  return { connected, ready, queues, agents, skewMs, setPresence };
}

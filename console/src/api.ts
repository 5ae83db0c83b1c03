import type {
  AgentProfile, AuditRow, CreateAgent, CreateUser, SessionUser, Skill, SkillInput, UpdateAgent, UpdateUser, User,
} from './types';
import type { Flow, FlowSummary, FlowVersion, StoredFlow, TestRunRequest, TestRunResult } from './ivr';
import type { BusinessHours, LiveCall, MonitorMode, PresenceReason, QueueInput, QueueSettings, Recording, StoredHours } from './ops-types';

export interface FieldIssue {
  /** As the server names it, e.g. `body.username` or `body.capacity.voice`. */
  path: string;
  message: string;
}

/** Every failed request, whatever went wrong: HTTP status, server error code, message, field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldIssue[] = [],
    /** Seconds to wait, on 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The first message per form field, keyed by the path without its `body.` prefix. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.fields) {
      const key = issue.path.replace(/^body\./, '');
      out[key] ??= issue.message;
    }
    return out;
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'client', err instanceof Error ? err.message : String(err));
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let unauthorizedHandler: (() => void) | undefined;

/** Called when a request fails with 401 outside sign-in itself: the session ended. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d) =>
    isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string' ? [{ path: d.path, message: d.message }] : [],
  );
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `http_${res.status}`;
  const message = typeof error.message === 'string' ? error.message : res.statusText;
  const header = Number(res.headers.get('retry-after'));
  const retryAfter = typeof error.details === 'number' ? error.details : Number.isFinite(header) && header > 0 ? header : undefined;
  return new ApiError(res.status, code, message, readIssues(error.details), retryAfter);
}

/** One JSON request to the server on the same origin, carrying the session cookie. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && path !== '/api/auth/login') unauthorizedHandler?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const id = (n: number) => encodeURIComponent(String(n));

/** The server's HTTP API, one typed function per route. */
export const api = {
  auth: {
    login: (username: string, password: string) => request<{ user: SessionUser }>('POST', '/api/auth/login', { username, password }),
    me: () => request<{ user: SessionUser }>('GET', '/api/auth/me'),
    logout: () => request<void>('POST', '/api/auth/logout'),
  },
  users: {
    list: () => request<User[]>('GET', '/api/users'),
    create: (input: CreateUser) => request<User>('POST', '/api/users', input),
    update: (userId: number, patch: UpdateUser) => request<User>('PATCH', `/api/users/${id(userId)}`, patch),
    remove: (userId: number) => request<void>('DELETE', `/api/users/${id(userId)}`),
  },
  agents: {
    list: () => request<AgentProfile[]>('GET', '/api/agents'),
    me: () => request<AgentProfile>('GET', '/api/agents/me'),
    create: (input: CreateAgent) => request<AgentProfile>('POST', '/api/agents', input),
    update: (agentId: number, patch: UpdateAgent) => request<AgentProfile>('PATCH', `/api/agents/${id(agentId)}`, patch),
    remove: (agentId: number) => request<void>('DELETE', `/api/agents/${id(agentId)}`),
  },
  skills: {
    list: () => request<Skill[]>('GET', '/api/skills'),
    create: (input: SkillInput) => request<Skill>('POST', '/api/skills', input),
    remove: (skillId: number) => request<void>('DELETE', `/api/skills/${id(skillId)}`),
  },
  audit: {
    list: (entity?: string) => request<AuditRow[]>('GET', entity ? `/api/audit?entity=${encodeURIComponent(entity)}` : '/api/audit'),
  },
  presenceReasons: () => request<PresenceReason[]>('GET', '/api/presence-reasons'),
  queues: {
    list: () => request<QueueSettings[]>('GET', '/api/queues'),
    create: (input: QueueInput) => request<QueueSettings>('POST', '/api/queues', input),
    update: (queueId: string, patch: Partial<QueueInput>) => request<QueueSettings>('PATCH', `/api/queues/${encodeURIComponent(queueId)}`, patch),
    remove: (queueId: string) => request<void>('DELETE', `/api/queues/${encodeURIComponent(queueId)}`),
  },
  calls: {
    live: () => request<LiveCall[]>('GET', '/api/calls/live'),
    monitor: (interactionId: string, mode: MonitorMode) => request<void>('POST', `/api/calls/${encodeURIComponent(interactionId)}/monitor`, { mode }),
  },
  recordings: {
    list: (interactionId?: string) => request<Recording[]>('GET', interactionId ? `/api/recordings?interactionId=${encodeURIComponent(interactionId)}` : '/api/recordings'),
    /** Where the browser fetches the WAV itself (an <audio> src or a download link). */
    url: (recordingId: string, download = false) => `/api/recordings/${encodeURIComponent(recordingId)}${download ? '?download=true' : ''}`,
  },
  ivr: {
    flows: () => request<FlowSummary[]>('GET', '/api/ivr/flows'),
    latest: (name: string) => request<StoredFlow>('GET', `/api/ivr/flows/${encodeURIComponent(name)}`),
    versions: (name: string) => request<FlowVersion[]>('GET', `/api/ivr/flows/${encodeURIComponent(name)}/versions`),
    version: (name: string, version: number) => request<StoredFlow>('GET', `/api/ivr/flows/${encodeURIComponent(name)}/versions/${id(version)}`),
    save: (flow: Flow) => request<StoredFlow>('POST', '/api/ivr/flows', flow),
    attach: (number: string, flow: string) => request<FlowSummary[]>('PUT', `/api/ivr/numbers/${encodeURIComponent(number)}`, { flow }),
    detach: (number: string) => request<void>('DELETE', `/api/ivr/numbers/${encodeURIComponent(number)}`),
    testRun: (input: TestRunRequest) => request<TestRunResult>('POST', '/api/ivr/test-run', input),
    uploadPrompt: (file: string, wav: Blob) => upload<{ file: string; seconds: number }>(`/api/ivr/prompts/${encodeURIComponent(file)}`, wav),
  },
  businessHours: {
    list: () => request<StoredHours[]>('GET', '/api/business-hours'),
    save: (hours: BusinessHours) => request<StoredHours>('PUT', '/api/business-hours', hours),
    remove: (hoursId: number) => request<void>('DELETE', `/api/business-hours/${id(hoursId)}`),
  },
};

/** A raw binary body (a prompt WAV): the server reads the bytes, not JSON. */
async function upload<T>(path: string, body: Blob): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'audio/wav' }, body });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401) unauthorizedHandler?.();
    throw error;
  }
  return (await res.json()) as T;
}

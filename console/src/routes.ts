import type { ComponentType } from 'preact';
import type { MessageKey } from './i18n';
import type { Role } from './types';
import { AgentWorkspace } from './pages/agent/AgentWorkspace';
import { AttentionBadge } from './pages/agent/AttentionBadge';
import { TicketsPage } from './pages/agent/tickets/TicketsPage';
import { ContactsPage } from './pages/agent/contacts/ContactsPage';
import { Wallboard } from './pages/supervisor/Wallboard';
import { RecordingsPage } from './pages/supervisor/RecordingsPage';
import { ReportsPage } from './pages/supervisor/ReportsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { AgentsPage } from './pages/admin/AgentsPage';
import { SkillsPage } from './pages/admin/SkillsPage';
import { AuditPage } from './pages/admin/AuditPage';
import { KnowledgePage } from './pages/admin/KnowledgePage';
import { WebimSitesPage } from './pages/admin/WebimSitesPage';
import { CannedPage } from './pages/supervisor/CannedPage';
import { LiveChats } from './pages/supervisor/LiveChats';
import { QueuesPage } from './pages/admin/QueuesPage';
import { IvrPage } from './pages/admin/IvrPage';
import { BusinessHoursPage } from './pages/admin/BusinessHoursPage';

export type Area = 'agent' | 'supervisor' | 'admin';

export interface PageRoute {
  path: string;
  area: Area;
  /** Label in the area's sub-navigation. */
  label: MessageKey;
  component: ComponentType;
  /** Routable but not listed in the navigation (e.g. a page not ready to announce). */
  hidden?: boolean;
  /** Shown beside the label in the navigation (e.g. work waiting on that page). */
  badge?: ComponentType;
}

/**
 * Every page of the console. A new page is one file under pages/<area>/ and one line here;
 * the navigation, role checks and sub-navigation follow from this table.
 */
export const routes: readonly PageRoute[] = [
  { path: '/agent', area: 'agent', label: 'nav.workspace', component: AgentWorkspace, badge: AttentionBadge },
  { path: '/agent/tickets', area: 'agent', label: 'nav.tickets', component: TicketsPage },
  { path: '/agent/contacts', area: 'agent', label: 'nav.contacts', component: ContactsPage },
  { path: '/supervisor', area: 'supervisor', label: 'nav.wallboard', component: Wallboard },
  { path: '/supervisor/recordings', area: 'supervisor', label: 'nav.recordings', component: RecordingsPage },
  { path: '/supervisor/reports', area: 'supervisor', label: 'nav.reports', component: ReportsPage },
  { path: '/admin/users', area: 'admin', label: 'nav.users', component: UsersPage },
  { path: '/admin/agents', area: 'admin', label: 'nav.agents', component: AgentsPage },
  { path: '/admin/skills', area: 'admin', label: 'nav.skills', component: SkillsPage },
  { path: '/admin/queues', area: 'admin', label: 'nav.queues', component: QueuesPage },
  { path: '/admin/ivr', area: 'admin', label: 'nav.ivr', component: IvrPage },
  { path: '/admin/hours', area: 'admin', label: 'nav.hours', component: BusinessHoursPage },
  { path: '/supervisor/chats', area: 'supervisor', label: 'nav.liveChats', component: LiveChats },
  { path: '/supervisor/canned', area: 'supervisor', label: 'nav.canned', component: CannedPage },
  { path: '/admin/kb', area: 'admin', label: 'nav.kb', component: KnowledgePage },
  { path: '/admin/webim', area: 'admin', label: 'nav.webim', component: WebimSitesPage },
  { path: '/admin/audit', area: 'admin', label: 'nav.audit', component: AuditPage },
];

export const areas: ReadonlyArray<{ area: Area; label: MessageKey }> = [
  { area: 'agent', label: 'nav.agent' },
  { area: 'supervisor', label: 'nav.supervisor' },
  { area: 'admin', label: 'nav.admin' },
];

// Mirrors core/auth/roles.ts (the console may import only types from core): each role sees its
// own area and those below it. The server checks again on every request.
const visible: Record<Role, readonly Area[]> = {
  admin: ['admin', 'supervisor', 'agent'],
  supervisor: ['supervisor', 'agent'],
  agent: ['agent'],
};

export function canSee(role: Role, area: Area): boolean {
  return visible[role].includes(area);
}

export function areaRoutes(area: Area): PageRoute[] {
  return routes.filter((r) => r.area === area && !r.hidden);
}

/** The first page of an area, where its navbar entry points. */
export function areaHome(area: Area): string {
  return areaRoutes(area)[0]?.path ?? '/';
}

export function homeFor(role: Role): string {
  const first: Record<Role, Area> = { admin: 'admin', supervisor: 'supervisor', agent: 'agent' };
  return areaHome(first[role]);
}

export function findRoute(path: string): PageRoute | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return routes.find((r) => r.path === clean);
}

import { CapacitySummary, SkillBadges } from '../../components/SkillBadges';
import { useT } from '../../i18n';
import type { AgentProfile } from '../../types';

export function AgentProfileCard(props: { agent: AgentProfile }) {
  const t = useT();
  const { agent } = props;
  return (
    <div class="card shadow-sm" data-testid="agent-profile">
      <div class="card-header bg-body fw-semibold">{t('workspace.profile')}</div>
      <div class="card-body">
        <div class="fs-5 fw-semibold">{agent.displayName}</div>
        <div class="text-secondary small mb-3">{agent.username}</div>
        <dl class="row mb-0 small">
          <dt class="col-5 text-secondary fw-normal">{t('workspace.extension')}</dt>
          <dd class="col-7 fw-semibold" data-testid="profile-extension">
            {agent.extension}
          </dd>
          <dt class="col-5 text-secondary fw-normal">{t('workspace.skills')}</dt>
          <dd class="col-7" data-testid="profile-skills">
            <SkillBadges skills={agent.skills} />
          </dd>
          <dt class="col-5 text-secondary fw-normal">{t('workspace.capacity')}</dt>
          <dd class="col-7 mb-0" data-testid="profile-capacity">
            <CapacitySummary capacity={agent.capacity} />
          </dd>
        </dl>
      </div>
    </div>
  );
}

import { useT } from '../i18n';
import { mediaTypes, type Capacity } from '../types';

export function SkillBadges(props: { skills: Record<string, number> }) {
  const t = useT();
  const entries = Object.entries(props.skills).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span class="text-secondary">{t('common.none')}</span>;
  return (
    <span class="d-inline-flex flex-wrap gap-1">
      {entries.map(([name, level]) => (
        <span key={name} class="badge rounded-pill text-bg-info-subtle border border-info-subtle text-info-emphasis" data-testid={`skill-${name}`} title={`${t('agents.level')} ${level}`}>
          {name} · {level}
        </span>
      ))}
    </span>
  );
}

/** Capacity as "Voice 1 · Web chat 5 …", leaving out media the agent does not take. */
export function CapacitySummary(props: { capacity: Capacity }) {
  const t = useT();
  const parts = mediaTypes.filter((m) => (props.capacity[m] ?? 0) > 0);
  if (parts.length === 0) return <span class="text-secondary">{t('common.none')}</span>;
  return (
    <span class="d-inline-flex flex-wrap gap-1">
      {parts.map((m) => (
        <span key={m} class="badge text-bg-light border" data-testid={`capacity-${m}`}>
          {t(`media.${m}`)} {props.capacity[m]}
        </span>
      ))}
    </span>
  );
}

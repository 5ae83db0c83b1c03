import { useT } from '../i18n';
import type { Skill } from '../types';

const levels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Pick skills from the defined list, each with a proficiency level 1–10. */
export function SkillPicker(props: { skills: readonly Skill[]; value: Record<string, number>; onValue(value: Record<string, number>): void; error?: string | undefined }) {
  const t = useT();
  const { value } = props;
  const toggle = (name: string, on: boolean) => {
    const next = { ...value };
    if (on) next[name] = value[name] ?? 5;
    else delete next[name];
    props.onValue(next);
  };
  if (props.skills.length === 0) return <div class="form-text">{t('agents.noSkills')}</div>;
  return (
    <div data-testid="skill-picker">
      <div class="row g-2">
        {props.skills.map((s) => {
          const on = value[s.name] !== undefined;
          const id = `skill-pick-${s.id}`;
          return (
            <div class="col-12 col-sm-6" key={s.id}>
              <div class={`d-flex align-items-center gap-2 border rounded px-2 py-1${on ? ' border-primary-subtle bg-primary-subtle' : ''}`}>
                <div class="form-check mb-0 flex-grow-1 text-truncate">
                  <input class="form-check-input" type="checkbox" id={id} checked={on} onChange={(e) => toggle(s.name, e.currentTarget.checked)} data-testid={`skill-check-${s.name}`} />
                  <label class="form-check-label text-truncate" for={id} title={s.description}>
                    {s.name}
                  </label>
                </div>
                <select
                  class="form-select form-select-sm w-auto"
                  aria-label={`${s.name} ${t('agents.level')}`}
                  disabled={!on}
                  value={String(value[s.name] ?? 5)}
                  onChange={(e) => props.onValue({ ...value, [s.name]: Number(e.currentTarget.value) })}
                  data-testid={`skill-level-${s.name}`}
                >
                  {levels.map((l) => (
                    <option key={l} value={String(l)}>
                      {t('agents.level')} {l}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          );
        })}
      </div>
      {props.error && <div class="invalid-feedback d-block" data-testid="agent-skills-error">{props.error}</div>}
    </div>
  );
}

import { useT } from '../i18n';
import { mediaTypes, type Media } from '../types';
import { TextField } from './Field';

/** Text in the inputs so a half-typed number is not lost; the form turns it into numbers on save. */
export type CapacityText = Record<Media, string>;

export function CapacityFields(props: { value: CapacityText; onValue(value: CapacityText): void; errors: Record<string, string> }) {
  const t = useT();
  return (
    <div class="row g-2" data-testid="capacity-fields">
      {mediaTypes.map((m) => (
        <TextField
          key={m}
          class="col-6 col-sm-4 col-lg-2"
          id={`capacity-${m}`}
          type="number"
          inputMode="numeric"
          min={0}
          max={50}
          label={t(`media.${m}`)}
          value={props.value[m]}
          onValue={(v) => props.onValue({ ...props.value, [m]: v })}
          error={props.errors[`capacity.${m}`]}
          testId={`agent-capacity-${m}`}
        />
      ))}
    </div>
  );
}

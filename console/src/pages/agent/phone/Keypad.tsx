const keys: ReadonlyArray<[string, string]> = [
  ['1', ''], ['2', 'ABC'], ['3', 'DEF'],
  ['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'],
  ['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'],
  ['*', ''], ['0', '+'], ['#', ''],
];

const testIdFor = (key: string): string => (key === '*' ? 'star' : key === '#' ? 'pound' : key);

/** The 12-key pad, for dialling and for DTMF during a call. */
export function Keypad(props: { onPress(key: string): void; testId: string; disabled?: boolean }) {
  return (
    <div class="phone-keypad" data-testid={props.testId} role="group">
      {keys.map(([key, letters]) => (
        <button
          key={key}
          type="button"
          class="btn btn-light phone-key"
          disabled={props.disabled}
          data-testid={`${props.testId}-${testIdFor(key)}`}
          onClick={() => props.onPress(key)}
        >
          <span class="phone-key-digit">{key}</span>
          <span class="phone-key-letters">{letters || '\u00a0'}</span>
        </button>
      ))}
    </div>
  );
}

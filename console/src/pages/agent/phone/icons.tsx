import type { JSX } from 'preact';

/** Line icons for the softphone (no icon font is bundled); 24×24 strokes in currentColor. */
const paths = {
  phone:
    'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z',
  hangup:
    'M3.6 14.9 1.7 13a1.5 1.5 0 0 1 0-2.1C4.5 8.2 8.1 6.8 12 6.8s7.5 1.4 10.3 4.1a1.5 1.5 0 0 1 0 2.1l-1.9 1.9a1.5 1.5 0 0 1-2 .1c-.7-.5-1.4-1-2.2-1.3a1.5 1.5 0 0 1-.9-1.4v-2a13 13 0 0 0-6.6 0v2a1.5 1.5 0 0 1-.9 1.4c-.8.3-1.5.8-2.2 1.3a1.5 1.5 0 0 1-2-.1z',
  mic: 'M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3zM19 10v2a7 7 0 0 1-14 0v-2M12 19v3M8 22h8',
  micOff: 'M1 1l22 22M9 9v3a3 3 0 0 0 5.1 2.1M15 9.3V5a3 3 0 0 0-5.9-.6M17 16.9A7 7 0 0 1 5 12v-2m14 0v2c0 .8-.1 1.5-.4 2.2M12 19v3M8 22h8',
  pause: 'M8 5v14M16 5v14',
  play: 'M7 4l13 8-13 8z',
  grid: 'M5 5h.01M12 5h.01M19 5h.01M5 12h.01M12 12h.01M19 12h.01M5 19h.01M12 19h.01M19 19h.01',
  transfer: 'M17 3l4 4-4 4M21 7H9M7 21l-4-4 4-4M3 17h12',
  users: 'M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM23 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8',
  record: 'M12 12m-7 0a7 7 0 1 0 14 0a7 7 0 1 0-14 0',
  video: 'M23 7l-7 5 7 5V7zM1 5h15v14H1z',
  videoOff: 'M1 1l22 22M16 16v3H1V5h4m4 0h7v7l7-5v10',
  settings: 'M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6',
  backspace: 'M21 4H8l-7 8 7 8h13a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zM18 9l-6 6M12 9l6 6',
  user: 'M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
  x: 'M18 6 6 18M6 6l12 12',
  check: 'M20 6 9 17l-5-5',
  merge: 'M6 3v6a6 6 0 0 0 6 6h0a6 6 0 0 1 6 6v0M18 3v6a6 6 0 0 1-6 6',
} as const;

export type IconName = keyof typeof paths;

export function Icon(props: { name: IconName; size?: number; class?: string; filled?: boolean }): JSX.Element {
  const size = props.size ?? 18;
  return (
    <svg
      class={props.class}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={props.filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[props.name]} />
    </svg>
  );
}

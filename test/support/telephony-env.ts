/** Which engine the telephony contract suite runs against, from the environment (tests only). */
export interface TelephonyTestEnv {
  engine: string;
  drachtio: {
    host: string;
    port: number;
    secret: string;
    /** Where SIP peers send to: drachtio-server's SIP `host:port`. */
    sip: string;
    /** drachtio-server's SIP over WebSocket for browsers (ws://… or wss://…), if it has one. */
    ws?: string;
  };
  freeswitch: {
    host: string;
    port: number;
    secret: string;
    profile: string;
    /** Where FreeSWITCH's outbound socket connects back to the test process. */
    listenAddress: string;
    listenPort: number;
    /** The contract's recordings directory as FreeSWITCH sees it (unset: the same path). */
    recordingsDir?: string;
  };
}

export function telephonyTestEnv(): TelephonyTestEnv {
  const env = process.env;
  return {
    engine: env.TELEPHONY_ENGINE ?? 'embedded',
    drachtio: {
      host: env.DRACHTIO_HOST ?? '127.0.0.1',
      port: Number(env.DRACHTIO_PORT ?? 9022),
      secret: env.DRACHTIO_SECRET ?? 'cymru',
      sip: env.DRACHTIO_SIP ?? '127.0.0.1:5060',
      ...(env.DRACHTIO_WS_URL ? { ws: env.DRACHTIO_WS_URL } : {}),
    },
    freeswitch: {
      host: env.FREESWITCH_HOST ?? '127.0.0.1',
      port: Number(env.FREESWITCH_PORT ?? 8021),
      secret: env.FREESWITCH_SECRET ?? 'ClueCon',
      profile: env.FREESWITCH_PROFILE ?? 'drachtio_mrf',
      listenAddress: env.FREESWITCH_LISTEN_ADDRESS ?? '127.0.0.1',
      listenPort: Number(env.FREESWITCH_LISTEN_PORT ?? 0),
      ...(env.FREESWITCH_RECORDINGS_DIR ? { recordingsDir: env.FREESWITCH_RECORDINGS_DIR } : {}),
    },
  };
}

/** Build-time constant from vite.config.ts (`define`): the app version shown in Settings. */
declare const __APP_VERSION__: string;

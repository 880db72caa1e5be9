/** Replaced at build time by webpack's DefinePlugin with package.json's version. */
declare const __APP_VERSION__: string;

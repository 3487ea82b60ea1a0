// Stands in for zod's "../locales/index.js" (wrangler.toml [alias]): zod's messages in forty
// languages are ~38 KiB gzip of the upload, and the service uses English ones only (its
// own error texts are in src/http/errors.ts). Depends on zod 4.6.7's file layout: after
// upgrading zod, check the upload size (npm run deploy:check) and that this still builds.
export { default as en } from "zod/v4/locales/en.js";

// Stands in for packages @react-email/render imports but this Worker never calls, so that
// they stay out of the upload (wrangler.toml [alias]; the Worker must stay under 1 MiB gzip):
// prettier (only for `pretty: true`, ~260 KB minified) and html-to-text (only for the
// default plain-text conversion; src/mail/render.ts asks for React Email's lighter one).
function notBundled(name: string): never {
  throw new Error(`${name} is not bundled (src/mail/not-bundled.ts)`);
}

export const format = () => notBundled("prettier");
export const convert = () => notBundled("html-to-text");

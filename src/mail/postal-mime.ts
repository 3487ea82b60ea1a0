// Stands in for postal-mime (wrangler.toml [alias]), which Resend's SDK imports for parsing
// received mail, a part of it this Worker never calls (unsubscribe by email reads only the
// envelope and one header: src/mail/inbound.ts): ~21 KiB gzip of the upload.
export default class PostalMime {
  static parse(): never {
    throw new Error("postal-mime is not bundled (src/mail/postal-mime.ts)");
  }
}

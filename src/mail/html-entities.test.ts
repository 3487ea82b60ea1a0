import { decodeHTML } from "entities/lib/decode.js";
import { describe, expect, it } from "vitest";
import { decodeHTML as decodeOurs } from "./html-entities";

// The alias (wrangler.toml) applies to wrangler's builds, not to these tests: the import above
// is the package itself, so the two are compared on what React writes.
describe("the entity decoder standing in for the entities package", () => {
  it.each([
    ["Tom &amp; Jerry &lt;3 &gt; &quot;quoted&quot; it&#x27;s"],
    ["«Өрлеу» &#1178;&#x4E9; &#128512; a&nbsp;b"],
    ["&unknownentity; stays as written"],
  ])("decodes %s as the package does", (html) => {
    expect(decodeOurs(html)).toBe(decodeHTML(html));
  });
});

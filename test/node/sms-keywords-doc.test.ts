import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SMS_KEYWORDS } from "../../src/consent/sms-keywords";

// docs/sms-keywords.md is what operators and the SMS gateway's people read; the code is
// what runs. They must list the same words.
describe("docs/sms-keywords.md", () => {
  it("lists exactly the keywords of src/consent/sms-keywords.ts", async () => {
    const doc = await readFile(join(import.meta.dirname, "../../docs/sms-keywords.md"), "utf8");
    const rows = [...doc.matchAll(/^\| `([^`]+)` \| (stop|start) \| (kk|ru|en) \|$/gmu)].map(([, word, action, language]) => ({
      word,
      action,
      language,
    }));
    expect(rows).toEqual(SMS_KEYWORDS);
  });
});

import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("writes RFC 4180: a header, CRLF after every row, quotes only where needed and doubled inside", () => {
    expect(toCsv(["a", "b", "c"], [["plain", 'say "hi", twice', "two\nlines"], [1, null, true]])).toBe(
      'a,b,c\r\nplain,"say ""hi"", twice","two\nlines"\r\n1,,true\r\n',
    );
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+7 701 000 00 00", "'+7 701 000 00 00"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["a=b", "a=b"],
  ])("keeps a spreadsheet from running %j as a formula", (cell, written) => {
    expect(toCsv(["x"], [[cell]])).toBe(`x\r\n${written}\r\n`);
  });

  it("leaves numbers as numbers", () => {
    expect(toCsv(["n"], [[-1]])).toBe("n\r\n-1\r\n");
  });
});

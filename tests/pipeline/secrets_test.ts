import { equal, ok } from "node:assert/strict";
import { Secrets } from "../../pipeline/secrets.ts";
import { LineEncoder } from "../../pipeline/serialize.ts";
import { logMessage, recordMessage } from "../../protocol/messages.ts";

const token = (n: number) => "f" + n.toString(16).padStart(31, "0");

Deno.test("Secrets.mask() hides every one of a thousand tokens, inside longer hex runs too", () => {
  const secrets = new Secrets();
  for (let n = 0; n < 1000; n++) secrets.add(token(n));
  equal(secrets.size, 1000);
  equal(secrets.mask(`a ${token(999)} b`), "a ********** b");
  equal(secrets.mask(`ff${token(5).toUpperCase()}ee`), "ff**********ee");
  equal(secrets.mask(`x${token(1)}${token(2)}`), "x********************");
  equal(secrets.mask(token(1000)), token(1000), "not a secret");
});

Deno.test("LineEncoder masks learnt secrets in logs, errors and states, added while it runs", () => {
  const secrets = new Secrets();
  const encoder = new LineEncoder({ learnt: secrets });
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  ok(decode(encoder.encode([logMessage("INFO", token(3))])).includes(token(3)));
  secrets.add(token(3));
  const text = decode(encoder.encode([logMessage("INFO", `leak ${token(3)}`)]));
  ok(!text.includes(token(3)) && text.includes("leak **********"));
  // Records are left as they are: no token reaches a record (the schema redacts auth_token).
  const record = decode(encoder.encode([recordMessage("s", { sid: "SM1" }, 0)]));
  ok(record.includes('"sid":"SM1"'));
});

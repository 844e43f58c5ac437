import { z } from "zod";
import { dateTime, links, secret, str } from "./_common.ts";

/** An Account (API 2010): `GET /2010-04-01/Accounts.json`, the credential's account and its subaccounts. */
export const Account = z.object({
  auth_token: secret(),
  date_created: dateTime(),
  date_updated: dateTime(),
  friendly_name: str(),
  owner_account_sid: str(),
  sid: str(),
  status: str(),
  type: str(),
  uri: str(),
  subresource_uris: links(
    "addresses",
    "conferences",
    "signing_keys",
    "transcriptions",
    "connect_apps",
    "sip",
    "authorized_connect_apps",
    "usage",
    "keys",
    "applications",
    "recordings",
    "short_codes",
    "calls",
    "notifications",
    "incoming_phone_numbers",
    "queues",
    "messages",
    "outgoing_caller_ids",
    "available_phone_numbers",
    "balance",
  ),
}).loose();

/** An Account record. */
export type Account = z.infer<typeof Account>;
